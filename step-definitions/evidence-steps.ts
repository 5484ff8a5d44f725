// Steps of the evidence spec: each arm's files under evidence/<window_id>/, read back as a viewer would.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Then } from '@cucumber/cucumber';
import { listArmEvidence, readArmEvidence } from '../ledger/evidence/index.js';
import type { TrackerWorld } from './world.js';

Then('every window of the run has its evidence: turns, a diff, per-test results and a summary', function (this: TrackerWorld) {
  const windows = readFileSync(this.ledgerFile('windows.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { kind?: string; window_id: string })
    .filter((row) => row.kind === 'window')
    .map((row) => row.window_id);
  assert.ok(windows.length > 0, 'expected windows in windows.jsonl');
  const listed = listArmEvidence(this.dataDir);
  for (const windowId of windows) {
    assert.ok(listed.includes(windowId), `${windowId}: no evidence folder (listed: ${listed.join(', ')})`);
    const evidence = readArmEvidence(this.dataDir, windowId);
    assert.deepEqual(evidence.problems, [], `${windowId}: problems`);
    assert.ok((evidence.turns?.length ?? 0) > 0, `${windowId}: expected turns`);
    assert.ok(
      evidence.turns?.some((turn) => turn.response.tool_calls.length > 0),
      `${windowId}: expected a tool call among the turns`,
    );
    assert.match(evidence.diff ?? '', /^diff --git /m, `${windowId}: expected a non-empty diff`);
    assert.ok((evidence.tests?.tests.length ?? 0) > 0, `${windowId}: expected per-test results`);
    assert.ok(evidence.testLog !== null, `${windowId}: expected tests.log`);
    assert.equal(evidence.summary?.window_id, windowId);
    assert.equal(evidence.summary?.task_id, 'lru-cache-ttl');
    assert.equal(evidence.summary?.tests?.total, evidence.tests?.tests.filter((test) => test.verdict !== 'missing').length);
  }
});
