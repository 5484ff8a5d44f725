import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArmEvidenceSummary, TurnRecord } from './evidence-schemas.js';
import { EVIDENCE_READ_CAPS, listArmEvidence, readArmEvidence } from './read-arm-evidence.js';
import { appendTurnRecord, writeArmSummary, writeDiffPatch, writeTestLog, writeTestsEvidence } from './write-evidence.js';

const WINDOW = 'plan-1-a001-claude-1';

function summary(windowId = WINDOW): ArmEvidenceSummary {
  return {
    plan_id: 'plan-1',
    window_id: windowId,
    task_id: 'lru-cache-ttl',
    provider: 'claude',
    arm_index: 1,
    sequence: 'AB',
    period: 1,
    epoch: 1,
    attempt: 1,
    outcome: 'completed',
    agent_outcome: 'success',
    infra_failure: null,
    quality: 0.5,
    tests: { total: 4, passed: 2, failed: 2 },
    tokens: 1200,
    duration_ms: 3000,
    phases_ms: { agent: 2000 },
    isolation: 'none',
    commit_start: 'abc1234',
    commit_end: 'def5678',
    notes: [],
    written_at: '2026-11-25T00:00:00.000Z',
  };
}

function turn(seq: number): TurnRecord {
  return {
    seq,
    at: '2026-11-25T00:00:00.000Z',
    method: 'POST',
    path: '/v1/messages',
    model: 'claude-sonnet',
    requested_model: 'claude-sonnet',
    backend_provider: 'claude',
    route: null,
    subagent_id: null,
    status: 200,
    latency_ms: 12,
    tokens: { input: 10, output: 5, cache_read: null, cache_creation: null },
    request: { messages: [{ role: 'user', blocks: [{ type: 'text', text: 'fix it' }] }], tools: ['Bash'], bytes: 100 },
    response: { text: 'done', tool_calls: [], stop_reason: 'end_turn', bytes: 50 },
    truncated: false,
  };
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'evidence-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('arm evidence', () => {
  it('reads back every file written, with secrets redacted', () => {
    writeArmSummary(dataDir, { ...summary(), notes: ['token sk-ant-api03-abcdefghijklmnopqrst leaked'] });
    appendTurnRecord(dataDir, WINDOW, turn(1));
    appendTurnRecord(dataDir, WINDOW, turn(2));
    writeDiffPatch(dataDir, WINDOW, 'diff --git a/x b/x\n+Authorization: Bearer abcdefghijklmnop\n');
    writeTestsEvidence(dataDir, WINDOW, {
      command: 'node --test',
      exit_code: 1,
      timed_out: false,
      tests: [{ name: 'a', verdict: 'pass', list: 'fail_to_pass' }],
      fail_to_pass: { passed: 1, total: 1 },
      pass_to_pass: null,
      resolved: true,
      note: null,
    });
    writeTestLog(dataDir, WINDOW, 'ok 1 - a\n');
    const evidence = readArmEvidence(dataDir, WINDOW);
    expect(evidence.problems).toEqual([]);
    expect(evidence.summary?.notes[0]).toBe('token [REDACTED] leaked');
    expect(evidence.turns?.map((t) => t.seq)).toEqual([1, 2]);
    expect(evidence.diff).toContain('Authorization: [REDACTED]');
    expect(evidence.tests?.tests[0]?.verdict).toBe('pass');
    expect(evidence.testLog).toBe('ok 1 - a\n');
    expect(listArmEvidence(dataDir)).toEqual([WINDOW]);
  });

  it('gives null for missing files and an empty list for a data dir without evidence', () => {
    expect(readArmEvidence(dataDir, WINDOW)).toEqual({ summary: null, turns: null, diff: null, tests: null, testLog: null, problems: [] });
    expect(listArmEvidence(dataDir)).toEqual([]);
  });

  it('names a bad file and a torn turn line without throwing, keeping the good turns', () => {
    appendTurnRecord(dataDir, WINDOW, turn(1));
    const dir = join(dataDir, 'evidence', WINDOW);
    writeFileSync(join(dir, 'turns.jsonl'), `${readFileSync(join(dir, 'turns.jsonl'), 'utf8')}{"seq":2,"at`);
    writeFileSync(join(dir, 'arm.json'), '{"plan_id": 3}');
    writeFileSync(join(dir, 'tests.json'), 'not json');
    const evidence = readArmEvidence(dataDir, WINDOW);
    expect(evidence.summary).toBeNull();
    expect(evidence.tests).toBeNull();
    expect(evidence.turns?.map((t) => t.seq)).toEqual([1]);
    expect(evidence.problems).toHaveLength(3);
    expect(evidence.problems.join('\n')).toMatch(/arm\.json: plan_id/);
    expect(evidence.problems.join('\n')).toMatch(/turns\.jsonl line 2: not JSON/);
  });

  it('refuses a window id that would leave the evidence folder', () => {
    expect(readArmEvidence(dataDir, '../etc').problems[0]).toMatch(/not a window id/);
    expect(() => writeDiffPatch(dataDir, '../x', 'diff')).toThrow(/window id/);
    mkdirSync(join(dataDir, 'evidence', '.hidden'), { recursive: true });
    expect(listArmEvidence(dataDir)).toEqual([]);
  });

  it('cuts a long diff at its cap with a marker line', () => {
    expect(writeDiffPatch(dataDir, WINDOW, `+${'x'.repeat(2 * 1024 * 1024)}\n`)).toBe(true);
    const diff = readArmEvidence(dataDir, WINDOW).diff ?? '';
    expect(diff.length).toBeLessThan(1024 * 1024 + 200);
    expect(diff).toMatch(/more bytes cut by agent-tracker/);
  });

  it('reads the first lines of a turns.jsonl past its read cap, and says so (a window of 100,000 turns)', () => {
    const big = { ...turn(1), response: { ...turn(1).response, text: 'y'.repeat(1024 * 1024) } };
    const dir = join(dataDir, 'evidence', WINDOW);
    mkdirSync(dir, { recursive: true });
    const lines = Math.ceil(EVIDENCE_READ_CAPS.turns / (1024 * 1024)) + 2;
    for (let seq = 1; seq <= lines; seq += 1) appendFileSync(join(dir, 'turns.jsonl'), `${JSON.stringify({ ...big, seq })}\n`);
    const evidence = readArmEvidence(dataDir, WINDOW);
    const turns = evidence.turns ?? [];
    expect(turns.length).toBeGreaterThan(50);
    expect(turns.length).toBeLessThan(lines);
    expect(turns.map((t) => t.seq)).toEqual(turns.map((_, index) => index + 1));
    expect(evidence.problems).toEqual([expect.stringMatching(/^turns\.jsonl: \d+ bytes, only the first 67108864 read$/)]);
  });

  it('reads no file that is not a regular one, and follows no link (a link to /dev/zero would never end)', () => {
    const dir = join(dataDir, 'evidence', WINDOW);
    mkdirSync(join(dir, 'diff.patch'), { recursive: true });
    symlinkSync('/dev/zero', join(dir, 'tests.log'));
    const evidence = readArmEvidence(dataDir, WINDOW);
    expect(evidence.testLog).toBeNull();
    expect(evidence.diff).toBeNull();
    expect(evidence.problems).toEqual([
      'diff.patch: not a regular file, not read',
      expect.stringMatching(/^tests\.log: a symbolic link, refused/),
    ]);
  });
});
