// Cutting the files into ranges (as the scan does to share it between two threads) must give the views of one pass.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLedger } from '../../bench/generate-ledger.js';
import { scanWindowViews, type ScanWindowsResult, type WindowView } from './scan-window-views.js';

const dir = mkdtempSync(join(tmpdir(), 'scan-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scan(rangeBytes?: number): Promise<{ views: WindowView[]; result: ScanWindowsResult }> {
  const views: WindowView[] = [];
  const result = await scanWindowViews(dir, (view) => views.push(view), rangeBytes === undefined ? {} : { rangeBytes });
  return { views, result };
}

/** Inserts `extra` lines after line `at` (1-based) of a ledger file. */
function insertLines(file: string, at: number, extra: string[]): void {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  lines.splice(at, 0, ...extra);
  writeFileSync(join(dir, file), lines.join('\n'));
}

describe('scanWindowViews over ranges', () => {
  // Windows whose before and after, or whose completion and its correction, fall in different ranges;
  // retractions and corrections after the rows they kill; empty and unreadable lines; a torn last line.
  const stats = generateLedger(dir, 1_000);
  insertLines('snapshots.jsonl', 17, ['', '{"id":"broken', '{"id":"x","kind":"snapshot" ,"phase":"before"}']);
  insertLines('windows.jsonl', 40, ['', 'not json at all']);
  const spaced = JSON.stringify(JSON.parse(readFileSync(join(dir, 'windows.jsonl'), 'utf8').split('\n')[100] ?? '{}'), null, 1).replace(
    /\n/g,
    ' ',
  );
  insertLines('windows.jsonl', 300, [spaced]);
  appendFileSync(join(dir, 'snapshots.jsonl'), '{"id":"torn","kind":"snap');

  it('gives the same views, counts and unreadable line numbers for any cut', async () => {
    const whole = await scan();
    expect(whole.result.windows).toBe(stats.windows);
    expect(whole.views.filter((view) => view.completed)).toHaveLength(stats.completions);
    expect(whole.result.unreadable.map(({ file, lineNo }) => `${file}:${lineNo}`)).toEqual([
      'windows.jsonl:42',
      'snapshots.jsonl:19',
      'snapshots.jsonl:20',
    ]);
    for (const rangeBytes of [211, 1_000, 4_096, 65_536]) {
      const cut = await scan(rangeBytes);
      expect(cut.result).toEqual(whole.result);
      expect(cut.views).toEqual(whole.views);
    }
  });
});
