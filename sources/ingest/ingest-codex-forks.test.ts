// A forked Codex rollout read in two runs: one base, on its first token reading, whether the run before wrote one or not.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestCodexRollouts } from './ingest-codex-rollouts.js';

const FIXTURE = join(import.meta.dirname, '..', 'parsers', 'test-fixtures', 'real', 'codex-0.169.0-fork-child.jsonl');
const NAME = 'rollout-2026-11-25T23-01-39-01a214f1-7b68-7df3-9b23-6bdd96ba0afe.jsonl';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fork-ingest-'));
  mkdirSync(join(dir, 'codex-home', 'sessions'), { recursive: true });
  file = join(dir, 'codex-home', 'sessions', NAME);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ingest = () => ingestCodexRollouts(join(dir, 'data'), { agentId: 'main', source: 'ingest' }, { codexHome: join(dir, 'codex-home') });
const readRows = () =>
  readFileSync(join(dir, 'data', 'snapshots.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { tokens?: { total: number }; fork_base?: { total: number } });

/** The real fork's second turn: its token_count 10,300 tokens on (the same line with larger totals, a second later). */
function writeSecondTurn(): void {
  const line = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .find((text) => text.includes('"token_count"')) as string;
  const event = JSON.parse(line) as { timestamp: string; payload: { info: { total_token_usage: Record<string, number> } } };
  const totals = event.payload.info.total_token_usage;
  event.timestamp = '2026-11-25T23:01:41.000Z';
  Object.assign(totals, { input_tokens: (totals.input_tokens ?? 0) + 10_250, total_tokens: (totals.total_tokens ?? 0) + 10_300 });
  appendFileSync(file, `${JSON.stringify(event)}\n`);
}

describe('ingesting a forked rollout in two runs', () => {
  it('puts the base on the first token reading only', () => {
    writeFileSync(file, readFileSync(FIXTURE));
    expect(ingest()).toMatchObject({ readings: 1, skipped: [] });
    writeSecondTurn();
    expect(ingest()).toMatchObject({ readings: 1, skipped: [] });
    const rows = readRows();
    expect(rows.map((row) => row.tokens?.total)).toEqual([20_314, 30_614]);
    expect(rows.map((row) => row.fork_base?.total)).toEqual([10_094, undefined]);
  });

  it('gives no later reading a base when the run before recorded the first without one (a build before fork_base)', () => {
    writeFileSync(file, readFileSync(FIXTURE));
    ingest();
    // What that build left: the first reading without its base, and a mark without fork_based.
    const rows = readFileSync(join(dir, 'data', 'snapshots.jsonl'), 'utf8');
    expect(rows).toContain('"fork_base"');
    writeFileSync(join(dir, 'data', 'snapshots.jsonl'), rows.replace(/,"fork_base":\{[^}]*\}/, ''));
    const marksFile = join(dir, 'data', 'state', '_ingest', 'codex-rollout.json');
    const marks = JSON.parse(readFileSync(marksFile, 'utf8')) as Record<string, Record<string, { fork_based?: true }>>;
    for (const files of Object.values(marks)) for (const mark of Object.values(files)) delete mark.fork_based;
    writeFileSync(marksFile, JSON.stringify(marks));
    writeSecondTurn();
    ingest();
    expect(readRows().map((row) => row.fork_base)).toEqual([undefined, undefined]);
  });
});
