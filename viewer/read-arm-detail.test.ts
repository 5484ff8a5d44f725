// What the Arms page gets of an arm holds no planted secret and nothing read through a link.
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendTurnRecord,
  type ArmEvidenceSummary,
  resolveEvidenceDir,
  type TurnRecord,
  writeArmSummary,
  writeDiffPatch,
  writeTestLog,
  writeTestsEvidence,
} from '../ledger/evidence/index.js';
import { HARMLESS_LINES, PLANTED_SECRETS } from '../step-definitions/planted-secrets.js';
import { readArmDetail } from './read-arm-detail.js';

const WINDOW = 'plan-1-a001-claude-1';
const PLANTED = PLANTED_SECRETS.map((planted) => planted.text).join('\n');
const HARMLESS = HARMLESS_LINES.join('\n');

function summary(notes: string[]): ArmEvidenceSummary {
  return {
    ...{ plan_id: 'plan-1', window_id: WINDOW, task_id: 'lru-cache-ttl', provider: 'claude', arm_index: 1, sequence: 'AB' },
    ...{ period: 1, epoch: 1, attempt: 1, outcome: 'completed', agent_outcome: 'fail', infra_failure: null, quality: 0 },
    ...{ tests: null, tokens: null, duration_ms: null, phases_ms: {}, isolation: 'none', commit_start: null, commit_end: null },
    notes,
    written_at: '2026-11-25T00:00:00.000Z',
  };
}

/** A turn as the proxy keeps it: the spec in the first user message, the secrets again in the reply and a tool call. */
function turn(): TurnRecord {
  return {
    ...{ seq: 1, at: '2026-11-25T00:00:00.000Z', method: 'POST', path: '/v1/messages', model: null, requested_model: null },
    ...{ backend_provider: null, route: null, subagent_id: null, status: 200, latency_ms: 1 },
    tokens: { input: null, output: null, cache_read: null, cache_creation: null },
    request: { messages: [{ role: 'user', blocks: [{ type: 'text', text: `${PLANTED}\n${HARMLESS}` }] }], tools: ['Bash'], bytes: 1 },
    response: {
      text: PLANTED,
      tool_calls: [{ id: 't1', name: 'Bash', input: JSON.stringify({ command: `cat <<EOF >.env\n${PLANTED}\nEOF` }) }],
      stop_reason: 'tool_use',
      bytes: 1,
    },
    truncated: false,
  };
}

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'arm-detail-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('readArmDetail', () => {
  it('shows no planted secret from the turns, the diff, the test log or the summary, and keeps look-alikes', () => {
    appendTurnRecord(dataDir, WINDOW, turn());
    writeDiffPatch(dataDir, WINDOW, `diff --git a/.env b/.env\n${PLANTED.replace(/^/gm, '+')}\n`);
    writeTestLog(dataDir, WINDOW, `# env dump\n${PLANTED}\nnot ok 1 - connects\n`);
    writeArmSummary(dataDir, summary([PLANTED]));
    writeTestsEvidence(dataDir, WINDOW, {
      ...{ command: `DATABASE_URL=${PLANTED_SECRETS[7]?.text} node --test`, exit_code: 1, timed_out: false, tests: [] },
      ...{ fail_to_pass: null, pass_to_pass: null, resolved: null, note: PLANTED },
    });
    const dir = resolveEvidenceDir(dataDir, WINDOW);
    const files = readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')] as const);
    expect(files.map(([name]) => name).sort()).toEqual(['arm.json', 'diff.patch', 'tests.json', 'tests.log', 'turns.jsonl']);
    const detail = JSON.stringify(readArmDetail(dataDir, WINDOW));
    for (const planted of PLANTED_SECRETS)
      for (const secret of planted.secrets) {
        for (const [name, text] of files) expect(text, `${planted.kind} in ${name}`).not.toContain(secret);
        expect(detail, `${planted.kind} on the arm page`).not.toContain(secret);
      }
    const first = readArmDetail(dataDir, WINDOW).evidence?.turns?.[0]?.request.messages[0]?.blocks[0];
    expect(first?.type === 'text' ? first.text.endsWith(HARMLESS) : false).toBe(true);
  });

  it('names a linked diff and test log as refused and shows nothing of what they point to', () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    try {
      writeFileSync(join(outside, 'shadow'), 'root:$6$SHADOW-HASH:19000::::::\n');
      writeFileSync(join(outside, 'bashrc'), 'export BASHRC_SECRET=1\n');
      writeArmSummary(dataDir, summary([]));
      const dir = resolveEvidenceDir(dataDir, WINDOW);
      symlinkSync(join(outside, 'shadow'), join(dir, 'diff.patch'));
      symlinkSync(join(outside, 'bashrc'), join(dir, 'tests.log'));
      const detail = readArmDetail(dataDir, WINDOW);
      expect(detail.evidence?.diff).toBeNull();
      expect(detail.evidence?.testLog).toBeNull();
      expect(detail.evidence?.problems).toEqual([
        expect.stringMatching(/^diff\.patch: a symbolic link, refused/),
        expect.stringMatching(/^tests\.log: a symbolic link, refused/),
      ]);
      expect(JSON.stringify(detail)).not.toMatch(/SHADOW-HASH|BASHRC_SECRET/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
