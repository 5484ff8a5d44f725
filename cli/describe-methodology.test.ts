// The methodology of a runner window ends with its isolation, and a resume still reads the set-up from it.
import { describe, expect, it } from 'vitest';
import { buildPlan, describeIsolation, type ArmJob, type ProviderProfile } from '../runner/index.js';
import { readSetup } from './check-resume-settings.js';
import { describeArmMethodology, describeSetup } from './describe-methodology.js';

const profile = { driver: 'codex', model: 'gpt-5-codex', upstream: 'openai' } as unknown as ProviderProfile;
const plan = buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: ['a', 'b'] });
const job = { arm: plan.arms[0], attempt: 1, profile } as unknown as ArmJob;
const none = describeIsolation({
  mode: 'none',
  runAs: null,
  hide: [],
  expose: [],
  hideAlways: [],
  note: "--no-isolation: agents and hidden tests ran on the host as the runner's user",
});
const bwrap = describeIsolation({ mode: 'bwrap', runAs: { uid: 65534, gid: 65534 }, hide: [], expose: [], hideAlways: [], note: null });
const engine = { globals: [], runFlags: [], label: 'runc + cgroupfs + nofile/nproc 4096' };
const podman = describeIsolation({ mode: 'podman', engine, runAs: null, hide: [], expose: [], hideAlways: [], note: null });

describe('describeArmMethodology', () => {
  it.each([
    ['bwrap', bwrap],
    ['podman', podman],
    ['none', none],
  ])('ends with the %s isolation clause, after capacity and quality', (_mode, isolation) => {
    const text = describeArmMethodology(plan, job, 'codex-cli 0.169.0', 'capacity: nothing', isolation);
    expect(text.endsWith(`; quality: fraction of the hidden node:test acceptance tests passing; ${isolation}`)).toBe(true);
    expect(readSetup(text)).toBe(`codex driver, ${describeSetup(profile)}`);
  });

  it('says UNISOLATED when the arms ran on the host, and who the code ran as in bwrap', () => {
    expect(none).toBe("isolation: none (UNISOLATED: --no-isolation: agents and hidden tests ran on the host as the runner's user)");
    expect(bwrap).toMatch(/^isolation: bwrap \(agent and hidden tests as uid 65534 \(the runner is root\), writable: only the arm folder/);
    expect(bwrap).not.toContain(';');
  });
});
