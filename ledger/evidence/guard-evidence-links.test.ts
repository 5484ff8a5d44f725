// No link in an arm's evidence folder is read or written through (a data dir may be a shared team folder).
import { closeSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnRecord } from './evidence-schemas.js';
import { listArmEvidence, readArmEvidence } from './read-arm-evidence.js';
import { appendTurnRecord, appendTurnRecordAsync, writeDiffPatch, writeTestLog } from './write-evidence.js';
import { openEvidenceFile } from './guard-evidence-links.js';

const WINDOW = 'plan-1-a001-claude-1';

function turn(seq: number): TurnRecord {
  return {
    seq,
    at: '2026-11-25T00:00:00.000Z',
    method: 'POST',
    path: '/v1/messages',
    model: null,
    requested_model: null,
    backend_provider: null,
    route: null,
    subagent_id: null,
    status: 200,
    latency_ms: 1,
    tokens: { input: null, output: null, cache_read: null, cache_creation: null },
    request: { messages: [], tools: [], bytes: 0 },
    response: { text: 'done', tool_calls: [], stop_reason: 'end_turn', bytes: 4 },
    truncated: false,
  };
}

let dataDir: string;
let outside: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'evidence-'));
  outside = mkdtempSync(join(tmpdir(), 'outside-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('links in the evidence folder', () => {
  it('refuses a linked file, a linked window folder and a linked evidence root, naming each, reading none', () => {
    writeFileSync(join(outside, 'shadow'), 'root:$6$SECRET-HASH:19000:0:99999:7:::\n');
    const dir = join(dataDir, 'evidence', WINDOW);
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(outside, 'shadow'), join(dir, 'diff.patch'));
    writeTestLog(dataDir, WINDOW, 'ok 1 - a\n');
    const linkedFile = readArmEvidence(dataDir, WINDOW);
    expect(linkedFile.diff).toBeNull();
    expect(linkedFile.testLog).toBe('ok 1 - a\n');
    expect(linkedFile.problems).toEqual([expect.stringMatching(/^diff\.patch: a symbolic link, refused/)]);
    expect(JSON.stringify(linkedFile)).not.toContain('SECRET-HASH');

    writeFileSync(join(outside, 'tests.log'), 'SECRET-HASH\n');
    symlinkSync(outside, join(dataDir, 'evidence', 'plan-1-a002-claude-1'));
    const linkedDir = readArmEvidence(dataDir, 'plan-1-a002-claude-1');
    expect(linkedDir.testLog).toBeNull();
    expect(linkedDir.problems).toEqual([expect.stringMatching(/^evidence\/plan-1-a002-claude-1: a symbolic link, refused/)]);
    expect(listArmEvidence(dataDir)).toEqual([WINDOW]);

    const other = mkdtempSync(join(tmpdir(), 'evidence-'));
    symlinkSync(join(dataDir, 'evidence'), join(other, 'evidence'));
    expect(readArmEvidence(other, WINDOW).problems).toEqual([expect.stringMatching(/^evidence: a symbolic link, refused/)]);
    expect(listArmEvidence(other)).toEqual([]);
    rmSync(other, { recursive: true, force: true });
  });

  it('writes no turn through a link and no file into a linked folder', async () => {
    writeFileSync(join(outside, 'bashrc'), '# rc\n');
    const dir = join(dataDir, 'evidence', WINDOW);
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(outside, 'bashrc'), join(dir, 'turns.jsonl'));
    expect(() => appendTurnRecord(dataDir, WINDOW, turn(1))).toThrow(/ELOOP/);
    // The proxy's own append (proxy/transcript/transcript-recorder.ts) names it as a problem of the transcript.
    await expect(appendTurnRecordAsync(dataDir, WINDOW, turn(2))).rejects.toThrow(/ELOOP/);
    expect(readFileSync(join(outside, 'bashrc'), 'utf8')).toBe('# rc\n');
    symlinkSync(outside, join(dataDir, 'evidence', 'plan-1-a002-claude-1'));
    expect(() => writeDiffPatch(dataDir, 'plan-1-a002-claude-1', 'diff')).toThrow(/symbolic link, refused/);
    expect(readdirSync(outside)).toEqual(['bashrc']);
  });

  it('closes and refuses a file whose descriptor turns out to be elsewhere than expected (a folder swapped after its check)', () => {
    writeFileSync(join(outside, 'diff.patch'), 'x');
    const path = join(outside, 'diff.patch');
    expect(() => openEvidenceFile(path, join(dataDir, 'evidence', WINDOW, 'diff.patch'))).toThrow(/swapped for a link/);
    const fd = openEvidenceFile(path, null);
    expect(fd).toBeGreaterThan(2);
    closeSync(fd);
  });
});
