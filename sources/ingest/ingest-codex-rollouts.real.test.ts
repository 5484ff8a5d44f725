import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestCodexRollouts } from './ingest-codex-rollouts.js';

const fixtures = join(import.meta.dirname, '..', 'parsers', 'test-fixtures', 'real');
// Fixture lines are free-form JSON from another program; `any` keeps the assertions readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const readJsonLines = (name: string) =>
  readFileSync(join(fixtures, name), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'real-rollout-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a rollout written by the real Codex 0.169.0', () => {
  it('ingests to the tokens the server sent, Codex reported and ccusage counted, and the bars of its headers', () => {
    const rollout = readJsonLines('codex-0.169.0-rollout.jsonl');
    const sessionId = rollout.find((line) => line.type === 'session_meta')?.payload?.id as string;
    const sessions = join(dir, 'codex-home', 'sessions', '2026', '11', '21');
    mkdirSync(sessions, { recursive: true });
    cpSync(join(fixtures, 'codex-0.169.0-rollout.jsonl'), join(sessions, `rollout-2026-11-21T07-49-34-${sessionId}.jsonl`));

    const result = ingestCodexRollouts(join(dir, 'data'), { agentId: 'main', source: 'ingest' }, { codexHome: join(dir, 'codex-home') });
    expect(result).toMatchObject({ files: 1, filesRead: 1, readings: 1, skipped: [] });
    const rows = readFileSync(join(dir, 'data', 'snapshots.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, any>);
    expect(rows).toHaveLength(1);
    const row = rows[0] as Record<string, any>;

    // 1. What the scripted server sent (scripts/fixtures/responses-server.mjs).
    expect(row.tokens).toEqual({ total: 1209, input: 1200, output: 9, cache_read: 200 });
    expect(row.bars.five_hour).toMatchObject({ used_pct: 12.5, window_minutes: 300 });
    expect(row.bars.weekly).toMatchObject({ used_pct: 40, window_minutes: 10080 });
    expect(row.session_id).toBe(sessionId);
    // The turn's model, from the turn_context Codex logs before its token counts: it prices the tokens.
    expect(row.model).toBe(rollout.find((line) => line.type === 'turn_context')?.payload?.model);
    expect(row.model).toBe('gpt-5-codex');
    // The folder `codex exec` ran in, from the session_meta: the row's project (`tracker usage --by project`).
    expect(row.project).toBe('/tmp/tmp.c5bFb53gEY/repo');
    // 2. What Codex itself reported at the end of the turn.
    const turn = readJsonLines('codex-0.169.0-exec.jsonl').find((line) => line.type === 'turn.completed');
    expect(turn?.usage).toMatchObject({
      input_tokens: row.tokens.input,
      cached_input_tokens: row.tokens.cache_read,
      output_tokens: row.tokens.output,
    });
    // 3. What ccusage counted over the same rollout (its input excludes the cached part).
    const ccusage = JSON.parse(readFileSync(join(fixtures, 'ccusage-20.0.24-codex-daily.json'), 'utf8')) as {
      totals: { totalTokens: number; inputTokens: number; cacheReadTokens: number; outputTokens: number };
    };
    expect(ccusage.totals.totalTokens).toBe(row.tokens.total);
    expect(ccusage.totals.inputTokens + ccusage.totals.cacheReadTokens).toBe(row.tokens.input);
    expect(ccusage.totals.outputTokens).toBe(row.tokens.output);
  });

  it("keeps the turn's model across runs: a later run reads the token count after the turn_context an earlier one read", () => {
    const text = readFileSync(join(fixtures, 'codex-0.169.0-rollout.jsonl'), 'utf8');
    const lines = text.split(/(?<=\n)/);
    const at = lines.findIndex((line) => line.includes('"token_count"'));
    expect(lines.slice(0, at).some((line) => line.includes('"turn_context"'))).toBe(true);
    const sessions = join(dir, 'codex-home', 'sessions', '2026', '11', '21');
    mkdirSync(sessions, { recursive: true });
    const file = join(sessions, 'rollout-2026-11-21T07-49-34-01a1fd17-8733-7ba0-9fbc-dde1b8b19085.jsonl');
    writeFileSync(file, lines.slice(0, at).join(''));
    const ingest = () =>
      ingestCodexRollouts(join(dir, 'data'), { agentId: 'main', source: 'ingest' }, { codexHome: join(dir, 'codex-home') });
    expect(ingest().readings).toBe(0);
    appendFileSync(file, lines.slice(at).join(''));
    expect(ingest().readings).toBe(1);
    const row = JSON.parse(readFileSync(join(dir, 'data', 'snapshots.jsonl'), 'utf8').trim()) as Record<string, unknown>;
    expect(row.model).toBe('gpt-5-codex');
    // The session_meta was read by the first run only: its cwd is kept for the rows a later run reads on.
    expect(row.project).toBe('/tmp/tmp.c5bFb53gEY/repo');
  });
});
