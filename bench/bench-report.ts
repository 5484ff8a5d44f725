// Times the real `experiment report` CLI over a generated ledger of 10,000 windows with proxy telemetry and two recorded previews.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_VERSION, TOOL_VERSION } from '../kernel/index.js';
import { num, table, verdict } from './format-report.js';
import { generateLedger, type GeneratedLedger } from './generate-ledger.js';
import { measureNode, type ChildMeasure } from './measure-child.js';

/** The target: a report over 10,000 windows in under 2 s. */
export const TARGET_REPORT_S = 2;

/** Over a larger ledger (BENCH_REPORT_WINDOWS, e.g. 500,000: 1M snapshot rows), the team-scale aim: under 10 s. */
export const TARGET_LARGE_REPORT_S = 10;

/** The target for a ledger of `windows` windows. */
export function pickReportTarget(windows: number): number {
  return windows <= 10_000 ? TARGET_REPORT_S : TARGET_LARGE_REPORT_S;
}

export interface ReportRun {
  label: string;
  measure: ChildMeasure;
  output: string;
}

export type ReportBench =
  | { skipped: string }
  | { ledger: GeneratedLedger; telemetryRows: number; generateSeconds: number; runs: ReportRun[] };

const experimentPath = fileURLToPath(new URL('../cli/experiment.js', import.meta.url));
const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));

/**
 * Writes `windows` windows (generate-ledger.ts: 3 agents x claude/codex, tasks F-1..F-300, corrections,
 * undos, anomalies), two proxy requests per completed window, two `tracker preview --record` rows, then
 * times `experiment report` with charts, without charts, and with --json.
 */
export async function benchReport(workDir: string, windows = 10_000): Promise<ReportBench> {
  if (!existsSync(experimentPath)) return { skipped: `experiment CLI not built yet (${experimentPath} is missing): report skipped` };
  const dataDir = join(workDir, 'report-ledger');
  const started = performance.now();
  const ledger = generateLedger(dataDir, windows * 2);
  const telemetryRows = writeTelemetry(dataDir);
  for (let i = 0; i < 2; i += 1)
    spawnSync(process.execPath, [trackerPath, 'preview', '--record', '--data-dir', dataDir], { stdio: 'ignore' });
  const generateSeconds = (performance.now() - started) / 1000;
  const runs: ReportRun[] = [];
  for (const [label, extra] of [
    ['report (markdown + 4 SVG charts)', []],
    ['report --no-charts', ['--no-charts']],
    ['report --json', ['--json']],
  ] as const) {
    const measure = await measureNode(experimentPath, ['report', '--data-dir', dataDir, ...extra], workDir);
    runs.push({
      label,
      measure,
      output:
        measure.code === 0
          ? `${num(Buffer.byteLength(measure.stdout))} bytes of output`
          : `FAILED (exit ${measure.code}): ${measure.stderr.trim().split('\n')[0] ?? ''}`,
    });
  }
  return { ledger, telemetryRows, generateSeconds, runs };
}

/** Two proxy-request rows per completed window (one main-agent request, one sub-agent request), joined by window_id. */
function writeTelemetry(dataDir: string): number {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const line of readFileSync(join(dataDir, 'windows.jsonl'), 'utf8').split('\n')) {
    const match = /"agent_id":"([^"]+)","provider":"([^"]+)","window_id":"([^"]+)","feature_id":(null|"[^"]*")/.exec(line);
    if (!match || seen.has(match[3] as string)) continue;
    const [, agent, provider, windowId, feature] = match as unknown as [string, string, string, string, string];
    seen.add(windowId);
    const at = new Date(Date.UTC(2024, 0, 1) + seen.size * 60_000).toISOString();
    for (const [index, subagent] of [null, 'haiku'].entries()) {
      const backend = subagent && seen.size % 2 === 0 ? 'glm' : provider === 'claude' ? 'anthropic' : 'openai';
      const model = backend === 'glm' ? 'glm-4.6' : provider === 'claude' ? 'claude-sonnet-4-5' : 'gpt-5';
      lines.push(
        JSON.stringify({
          id: `tel-${seen.size}-${index}`,
          kind: 'proxy-request',
          ts: at,
          schema_version: SCHEMA_VERSION,
          tool_version: TOOL_VERSION,
          source: 'proxy',
          agent_id: agent,
          timestamp: at,
          session_id: `s-${windowId}`,
          subagent_id: subagent,
          backend_provider: backend,
          model,
          prompt_tokens: 1_000 + (seen.size % 900),
          completion_tokens: 300,
          latency_ms: 400 + (seen.size % 50) * 10,
          status: 200,
          trace_id: `t-${seen.size}-${index}`,
          window_id: windowId,
          feature_id: feature === 'null' ? null : JSON.parse(feature),
        }),
      );
    }
  }
  appendFileSync(join(dataDir, 'proxy_telemetry.jsonl'), `${lines.join('\n')}\n`);
  return lines.length;
}

/** The bench's lines for run-benchmarks (or a direct run); exit code 1 when a run failed or missed the target. */
export function formatReportBench(result: ReportBench): { text: string; code: number } {
  if ('skipped' in result) return { text: result.skipped, code: 0 };
  const target = pickReportTarget(result.ledger.windows);
  const rows = result.runs.map((run) => [
    run.label,
    `${run.measure.wallSeconds.toFixed(2)} s`,
    run.measure.maxRssKb === null ? 'n/a' : `${num(run.measure.maxRssKb / 1024)} MB`,
    verdict(run.measure.wallSeconds, target, false),
    run.output,
  ]);
  const { ledger } = result;
  const head = `experiment report over ${num(ledger.windows)} windows (${num(ledger.completions)} completions, ${num(result.telemetryRows)} proxy rows; generated in ${result.generateSeconds.toFixed(1)} s), target < ${target} s:`;
  const failed = result.runs.some((run) => run.measure.code !== 0 || run.measure.wallSeconds >= target);
  return { text: `${head}\n${table(['run', 'wall', 'peak RSS', 'target', 'output'], rows)}`, code: failed ? 1 : 0 };
}
