// A run's simulated quota taken back on resume: charges of finished arms kept, the cut-short arm's dropped, a lost file lifted.
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../kernel/index.js';
import { readQuotaState, writeQuotaState, type QuotaState } from '../model-server/index.js';
import { BUILTIN_PROFILES, pickProfiles } from '../runner/index.js';
import { listScriptedAccounts, loadRunQuota, resolveRunQuotaPath } from './load-run-quota.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function makeDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'run-quota-'));
  dirs.push(dir);
  return dir;
}

const profiles = pickProfiles(BUILTIN_PROFILES, ['sim-claude', 'sim-codex', 'sim-claude+glm']);
const at = (second: number): number => Date.parse('2026-11-21T10:00:00.000Z') + second * 1000;

/** A finished arm's window row of plan-x, written at `second`, with the bars its after recorded. */
function writeWindow(dataDir: string, arm: number, provider: string, second: number, after = 1, subagentAfter?: number): void {
  const row = {
    id: randomUUID(),
    kind: 'window',
    ts: new Date(at(second)).toISOString(),
    schema_version: 1,
    tool_version: '0.1.0',
    source: 'runner',
    agent_id: 'main-w1',
    provider,
    window_id: `plan-x-a${String(arm).padStart(3, '0')}-${provider}`,
    feature_id: 'token-bucket',
    commit_start: null,
    commit_end: null,
    methodology: 'test',
    quality_score: 1,
    outcome: 'success',
    capacity: { unit: 'pct_5h', before: 0, after, delta: after, weekly: { before: 0, after: after / 5, delta: after / 5 } },
    before_id: 'b',
    after_id: 'a',
    errors: [],
    sequence: 'AB',
    period: 1,
    plan_id: 'plan-x',
    ...(subagentAfter === undefined
      ? {}
      : {
          subagent_capacity: { provider: 'glm', format: 'quota-glm', five_hour: { before: 0, after: subagentAfter, delta: subagentAfter } },
        }),
  };
  appendFileSync(join(dataDir, 'windows.jsonl'), `${JSON.stringify(row)}\n`);
}

function writeState(dataDir: string, accounts: QuotaState['accounts']): string {
  const file = resolveRunQuotaPath(dataDir, 'plan-x');
  writeQuotaState(file, { version: 1, started_at_ms: at(-3600), accounts });
  return file;
}

const load = (dataDir: string) => loadRunQuota({ dataDir, planId: 'plan-x', profiles, nowMs: at(9999) });

describe('listScriptedAccounts', () => {
  it("names each simulated provider's account and its sub-agents' (none for a real upstream)", () => {
    const real = pickProfiles({ ...BUILTIN_PROFILES, real: { ...BUILTIN_PROFILES['sim-codex']!, upstream: 'openai' } }, ['real']);
    expect(Object.fromEntries(listScriptedAccounts(new Map([...profiles, ...real])))).toEqual({
      'sim-claude': { own: 'scripted-claude', sub: null },
      'sim-codex': { own: 'scripted-codex', sub: null },
      'sim-claude+glm': { own: 'scripted-claude-glm', sub: 'scripted-glm-air' },
    });
  });
});

describe('loadRunQuota', () => {
  it('starts a first run afresh, its periods from now, and writes the file at once', () => {
    const dataDir = makeDataDir();
    const quota = load(dataDir);
    expect(quota.state).toEqual({ version: 1, started_at_ms: at(9999), accounts: {} });
    expect(quota.notes).toEqual([]);
    expect(quota.file).toBe(join(dataDir, 'state', 'scripted-quota', 'plan-x.json'));
    expect(readQuotaState(quota.file, 0)).toEqual({ state: quota.state, found: true });
  });

  it("keeps the charges an arm of their provider finished after, drops the cut-short arm's, per provider", () => {
    const dataDir = makeDataDir();
    writeWindow(dataDir, 1, 'sim-codex', 10);
    writeWindow(dataDir, 2, 'sim-claude+glm', 20, 2, 1);
    writeWindow(dataDir, 3, 'sim-codex', 30);
    const file = writeState(dataDir, {
      // Arm 3 finished at 30 s; a charge at 31 s belongs to codex's next arm, cut short.
      'scripted-codex': {
        units: 100,
        charges: [
          [at(25), 7],
          [at(30), 8],
          [at(31), 9],
        ],
      },
      // claude+glm's last window was at 20 s: its arm running at 28 s (while codex's ran) was cut short.
      'scripted-claude-glm': {
        units: 50,
        charges: [
          [at(15), 5],
          [at(28), 6],
        ],
      },
      'scripted-glm-air': {
        units: 10,
        charges: [
          [at(19), 1],
          [at(29), 2],
        ],
      },
      // No arm of sim-claude finished: its first arm was cut short.
      'scripted-claude': { units: 0, charges: [[at(5), 3]] },
      // An account no provider names: cut at the plan's last window (30 s).
      anthropic: {
        units: 0,
        charges: [
          [at(30), 4],
          [at(40), 4],
        ],
      },
    });
    const quota = load(dataDir);
    expect(quota.state.started_at_ms).toBe(at(-3600));
    expect(quota.state.accounts).toEqual({
      'scripted-codex': { units: 115, charges: [] },
      'scripted-claude-glm': { units: 55, charges: [] },
      'scripted-glm-air': { units: 11, charges: [] },
      'scripted-claude': { units: 0, charges: [] },
      anthropic: { units: 4, charges: [] },
    });
    expect(quota.notes).toEqual([
      `going on from ${file}, as the ledger's finished arms left it`,
      'dropped 5 charge(s) of the arm(s) the killed run did not finish (redone now)',
    ]);
    expect(readQuotaState(file, 0).state).toEqual(quota.state);
  });

  it('starts an account the file does not have at the bars the ledger last recorded, rounded up to whole units', () => {
    const dataDir = makeDataDir();
    writeWindow(dataDir, 1, 'sim-codex', 10, 2);
    writeWindow(dataDir, 2, 'sim-claude+glm', 20, 1.79, 1.048);
    writeWindow(dataDir, 3, 'sim-codex', 30, 4);
    const quota = load(dataDir);
    // sim-codex: 4% of 250,000 (its weekly 0.8% of 1,250,000 is less); claude-glm 1.79% of 400,000; glm-air 1.048% of 100,000.
    expect(quota.state.accounts).toEqual({
      'scripted-codex': { units: 10_000, charges: [] },
      'scripted-claude-glm': { units: 7160, charges: [] },
      'scripted-glm-air': { units: 1048, charges: [] },
    });
    expect(quota.notes).toEqual([
      "there was no state file, so no units for scripted-codex, scripted-claude-glm, scripted-glm-air: they start at the bars the ledger's windows recorded last",
    ]);
    expect(existsSync(quota.file)).toBe(true);
  });

  it('refuses a bad state file in one line naming it', () => {
    const dataDir = makeDataDir();
    const file = resolveRunQuotaPath(dataDir, 'plan-x');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{"version": 1, "started_at_ms": 0, "accounts": {"scripted-codex": {"units": 1.5, "charges": []}}}');
    expect(() => load(dataDir)).toThrow(AppError);
    expect(() => load(dataDir)).toThrow(/^accounts\.scripted-codex\.units: expected a whole number of units/);
    try {
      load(dataDir);
    } catch (error) {
      expect((error as AppError).toLine()).toBe(
        `${file}: accounts.scripted-codex.units: expected a whole number of units (the scripted quota state; remove the file to start the simulated subscriptions afresh)`,
      );
    }
  });
});
