// Times `experiment report` on one plan of 10,000 windows and one of 100,000, side by side: the report must grow linearly.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { num, table } from './format-report.js';
import { generateExperimentLedger } from './generate-experiment-ledger.js';
import { measureNode, type ChildMeasure } from './measure-child.js';

/**
 * One plan of 100,000 windows at most 1.1x ten plans of 10,000 (the ratio of CPU over 10): 11x the CPU for 10x the
 * windows. A reset lookup over every period's reset made it 20.3x (2.03) on a user's machine.
 */
export const TARGET_SCALE_RATIO = 1.1;

const experimentPath = fileURLToPath(new URL('../cli/experiment.js', import.meta.url));

/**
 * Writes a finished two-provider plan of `small` windows and one of `small` x 10 (generate-experiment-ledger.ts),
 * then times `experiment report --no-charts` on each in turn, `runs` times: the larger's CPU over ten times the
 * smaller's is the figure (1 is linear; 141.8 s against 8.4-10.1 s, about 15x for 10x, on 8d1aeb7).
 */
export async function reportScale(workDir: string, small: number, runs: number): Promise<number> {
  if (!existsSync(experimentPath)) {
    console.log(`report scale: skipped (${experimentPath} is missing: npm run build)`);
    return 0;
  }
  const sizes = [small, small * 10];
  const dirs = sizes.map((windows) => {
    const dir = join(workDir, `plan-${windows}`);
    if (!existsSync(join(dir, 'windows.jsonl'))) generateExperimentLedger(dir, windows, 1);
    return dir;
  });
  const measures: ChildMeasure[][] = sizes.map(() => []);
  for (let run = 0; run < runs; run += 1)
    for (const [i, dir] of dirs.entries())
      (measures[i] as ChildMeasure[]).push(await measureNode(experimentPath, ['report', '--data-dir', dir, '--no-charts'], workDir));
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
  const cpu = measures.map((list) => median(list.map((m) => m.cpuSeconds ?? m.wallSeconds)));
  const rows = sizes.map((windows, i) => {
    const list = measures[i] as ChildMeasure[];
    return [
      `one plan of ${num(windows)} windows`,
      `${median(list.map((m) => m.wallSeconds)).toFixed(2)} s`,
      `${(cpu[i] as number).toFixed(2)} s`,
      `${num(Math.max(...list.map((m) => m.maxRssKb ?? 0)) / 1024)} MB`,
      list.every((m) => m.code === 0) ? 'ok' : `FAILED (exit ${list.find((m) => m.code !== 0)?.code})`,
    ];
  });
  const ratio = (cpu[1] as number) / (10 * (cpu[0] as number));
  const ok = ratio <= TARGET_SCALE_RATIO && measures.flat().every((m) => m.code === 0);
  console.log(
    `experiment report, one plan at two sizes, ${runs} run${runs === 1 ? '' : 's'} each in turn (medians; load ${readLoad()}):\n${table(['ledger', 'wall', 'CPU', 'peak RSS', 'exit'], rows)}\n` +
      `CPU of the larger over ten times the smaller's: ${ratio.toFixed(2)}, ${(ratio * 10).toFixed(1)}x the CPU for 10x the windows (target <= ${TARGET_SCALE_RATIO}; 1 is linear) ${ok ? 'MEETS' : 'MISSES'}`,
  );
  return ok ? 0 : 1;
}

function readLoad(): string {
  return existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'n/a';
}
