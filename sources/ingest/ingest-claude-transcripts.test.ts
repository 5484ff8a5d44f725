// Claude Code transcripts shaped on the real 2.1.329 file, ingested whole, again, in parts and after a rewrite.
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintAccount } from '../../ledger/vocabulary/index.js';
import { ingestClaudeTranscripts } from './ingest-claude-transcripts.js';

const FIXTURE = join(import.meta.dirname, '..', 'parsers', 'test-fixtures', 'claude-config');
const SESSION = join('projects', '-work-alpha', 'a2a2a2a2-0000-4000-8000-000000000002.jsonl');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'claude-ingest-'));
  cpSync(FIXTURE, join(dir, 'config'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ingest = () =>
  ingestClaudeTranscripts(
    join(dir, 'data'),
    { agentId: 'main', source: 'ingest' },
    { configDirs: [join(dir, 'config')], provider: 'claude' },
  );
const readRows = () =>
  readFileSync(join(dir, 'data', 'snapshots.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown> & { message_key?: string; tokens: { total: number } });

describe('ingestClaudeTranscripts', () => {
  it('records the fullest copy of each answer once, with its session, project and sub-agent, and nothing on a re-run', () => {
    expect(ingest()).toMatchObject({ files: 4, filesRead: 4, readings: 7, skipped: [] });
    expect(ingest()).toMatchObject({ files: 4, filesRead: 0, readings: 0 });
    const rows = readRows();
    // msg_a1 streamed twice (output 1, then 245): the second only; msg_a2 copied into the resumed session: once.
    expect(rows.map((row) => row.message_key)).toEqual([
      'msg_a1:req_a1',
      'msg_a2:req_a2',
      'msg_s1:req_s1',
      'msg_s2:req_s2',
      'msg_a3:req_a3',
      'msg_b1:req_b1',
      'msg_b2:req_b2',
    ]);
    expect(rows[0]).toMatchObject({
      kind: 'reading',
      provider: 'claude',
      format: 'claude-transcript',
      captured_at: '2026-11-20T09:00:05.000Z',
      model: 'claude-sonnet-4-5',
      session_id: 'a1a1a1a1-0000-4000-8000-000000000001',
      project: '/work/alpha',
      tokens: { input: 3, output: 245, cache_read: 0, cache_creation: 12000, total: 12248 },
    });
    expect(rows[2]).toMatchObject({ subagent_id: '5e1f0c2a', model: 'claude-haiku-4-5' });
    expect(rows[5]).toMatchObject({ project: '/work/beta', tokens: { cache_creation: 9000 } });
  });

  it('reads only the lines added since, and a file rewritten from its start again', () => {
    ingest();
    const line = readFileSync(join(dir, 'config', SESSION), 'utf8')
      .split('\n')
      .find((one) => one.includes('msg_a3')) as string;
    appendFileSync(join(dir, 'config', SESSION), `${line.replaceAll('msg_a3', 'msg_a4').replaceAll('req_a3', 'req_a4')}\n`);
    expect(ingest()).toMatchObject({ filesRead: 1, readings: 1 });
    writeFileSync(join(dir, 'config', SESSION), `${line.replace('"output_tokens":512', '"output_tokens":600')}\n`);
    // The rewritten file is read again: its answer is recorded again only because this copy is fuller.
    expect(ingest()).toMatchObject({ filesRead: 1, readings: 1 });
    expect(
      readRows()
        .map((row) => row.tokens.total)
        .slice(7),
    ).toEqual([15320, 15408]);
  });

  it('refuses an answer whose token count is no count (1e308), keeping the line under rejects/ and naming file and byte', () => {
    const text = readFileSync(join(dir, 'config', SESSION), 'utf8');
    const line = text.split('\n').find((one) => one.includes('msg_a3')) as string;
    writeFileSync(join(dir, 'config', SESSION), text.replace(line, line.replace('"output_tokens":512', '"output_tokens":1e308')));
    const result = ingest();
    expect(result.readings).toBe(6);
    expect(result.skipped).toHaveLength(1);
    const kept = /not recorded, the line kept at (\S+)$/.exec(result.skipped[0]?.reason ?? '')?.[1] as string;
    expect(result.skipped[0]).toEqual({
      file: SESSION.replace(/^projects\//, ''),
      reason: `line at byte ${text.indexOf(line)}: message.usage.output_tokens: expected a whole number from 0 to 1000000000, got 1e+308; not recorded, the line kept at ${kept}`,
    });
    expect(readFileSync(kept, 'utf8')).toBe(`${line.replace('"output_tokens":512', '"output_tokens":1e308')}\n`);
    expect(kept.startsWith(join(dir, 'data', 'rejects'))).toBe(true);
    expect(readRows().some((row) => row.message_key === 'msg_a3:req_a3')).toBe(false);
    expect(ingest()).toMatchObject({ filesRead: 0, skipped: [] });
  });

  it('names the flag when no folder has projects', () => {
    expect(() =>
      ingestClaudeTranscripts(
        join(dir, 'data'),
        { agentId: 'main', source: 'ingest' },
        { configDirs: [join(dir, 'nowhere')], provider: 'claude' },
      ),
    ).toThrow(/no projects folder in .*nowhere/);
  });

  it("names each config dir's login as its answers' account, and each answer's request id", () => {
    // A second login in its own CLAUDE_CONFIG_DIR keeps its .claude.json there; a dir with none names no account.
    cpSync(join(dir, 'config'), join(dir, 'second'), { recursive: true });
    // Its own answers: other message and request ids than the first login's.
    for (const file of readdirSync(join(dir, 'second', 'projects'), { recursive: true, encoding: 'utf8' }).filter((name) =>
      name.endsWith('.jsonl'),
    )) {
      const path = join(dir, 'second', 'projects', file);
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll('"msg_', '"msg_second_').replaceAll('"req_', '"req_second_'));
    }
    const org = '8f1d2c3b-aaaa-4bbb-8ccc-000000000002';
    writeFileSync(
      join(dir, 'second', '.claude.json'),
      JSON.stringify({ numStartups: 3, oauthAccount: { emailAddress: 'b@example.com', organizationUuid: org } }),
    );
    ingestClaudeTranscripts(
      join(dir, 'data'),
      { agentId: 'main', source: 'ingest' },
      { configDirs: [join(dir, 'config'), join(dir, 'second')], provider: 'claude' },
    );
    const rows = readRows();
    const own = fingerprintAccount('organization', org);
    expect(rows.filter((row) => row.account === own)).toHaveLength(7);
    expect(rows.filter((row) => row.account === undefined)).toHaveLength(7);
    expect(rows[0]).toMatchObject({ request_id: 'req_a1' });
  });
});
