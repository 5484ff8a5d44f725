import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readArmEvidence } from '../../ledger/evidence/index.js';
import type { AcceptanceResult } from '../acceptance/run-acceptance-tests.js';
import type { ArmJob } from './arm-types.js';
import { buildTestsEvidence, recordArmFailure } from './record-arm-evidence.js';

function acceptance(verdicts: [string, 'pass' | 'fail' | 'skip'][]): AcceptanceResult {
  return {
    total: verdicts.length,
    passed: verdicts.filter(([, verdict]) => verdict === 'pass').length,
    failed: verdicts.filter(([, verdict]) => verdict === 'fail').length,
    quality: 0,
    exitCode: 1,
    timedOut: false,
    timedOutTests: 0,
    command: 'node --test tests/',
    outputTail: '',
    verdicts: new Map(verdicts),
    identity: {
      quality: 0.5,
      measure: 'fail-to-pass-share',
      fail_to_pass: { passed: 1, total: 2 },
      pass_to_pass: { passed: 1, total: 1 },
      resolved: false,
      broken: [],
    },
  };
}

describe('buildTestsEvidence', () => {
  it('names each test with its list, and a listed test the run never reported as missing', () => {
    const lists = { fail_to_pass: ['new works', 'new edge'], pass_to_pass: ['old works'] };
    const evidence = buildTestsEvidence(
      acceptance([
        ['new works', 'pass'],
        ['old works', 'pass'],
        ['extra', 'fail'],
      ]),
      lists,
    );
    expect(evidence.tests).toEqual([
      { name: 'new works', verdict: 'pass', list: 'fail_to_pass' },
      { name: 'old works', verdict: 'pass', list: 'pass_to_pass' },
      { name: 'extra', verdict: 'fail', list: null },
      { name: 'new edge', verdict: 'missing', list: 'fail_to_pass' },
    ]);
    expect(evidence).toMatchObject({ command: 'node --test tests/', exit_code: 1, fail_to_pass: { passed: 1, total: 2 }, resolved: false });
  });
});

describe('recordArmFailure', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves an arm.json saying why an arm stopped before its result', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'arm-failure-'));
    dirs.push(dataDir);
    const job = {
      planId: 'plan-1',
      windowId: 'plan-1-a001-sim-steady-1',
      attempt: 1,
      arm: { arm_index: 1, provider: 'sim-steady', sequence: 'AB', period: 1, epoch: 1 },
      task: { meta: { id: 'lru-cache-ttl' } },
    } as unknown as ArmJob;
    recordArmFailure(dataDir, job, undefined, new Error('cannot create the sandbox: ENOSPC'), { sandbox: 3 });
    const summary = readArmEvidence(dataDir, job.windowId).summary;
    expect(summary).toMatchObject({
      outcome: 'abandoned',
      infra_failure: 'cannot create the sandbox: ENOSPC',
      isolation: 'none',
      tests: null,
    });
    expect(summary?.phases_ms).toEqual({ sandbox: 3 });
  });
});
