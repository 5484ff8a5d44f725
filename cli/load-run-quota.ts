// A run's simulated subscriptions: where their quota is kept, and how a resumed run takes it back, up to what the ledger finished.
import { join } from 'node:path';
import {
  liftUnits,
  readQuotaState,
  rewindCharges,
  selectAccount,
  selectBarLimits,
  writeQuotaState,
  type QuotaState,
} from '../model-server/index.js';
import type { WindowRow } from '../ledger/index.js';
import { findProfileProtocol } from '../sources/agents/index.js';
import { findDoneArms, findSecondSubscription, type ProviderProfile } from '../runner/index.js';

/**
 * `state/scripted-quota/<plan>.json`: under `state/`, beside the run records, because it is the runner's working state
 * rather than a measurement (the ledger's files stay append-only; nothing here is a row); in a folder of its own, as
 * `state/runs/` holds one record per plan; and named after the plan, since every plan's simulated subscriptions start
 * afresh as before and only a resume of that plan goes on with them (another plan in the data dir does not inherit
 * its bars). The data dir is hidden from an arm's sandbox, so no agent can touch it.
 */
export function resolveRunQuotaPath(dataDir: string, planId: string): string {
  return join(dataDir, 'state', 'scripted-quota', `${planId}.json`);
}

/** The accounts a provider charges on the scripted server (solver-bars.ts: selectAccount): its own, its second subscription's. */
export interface ScriptedAccounts {
  own: string | null;
  sub: string | null;
}

export function listScriptedAccounts(profiles: ReadonlyMap<string, ProviderProfile>): Map<string, ScriptedAccounts> {
  const accounts = new Map<string, ScriptedAccounts>();
  for (const [provider, profile] of profiles) {
    const own = profile.upstream === 'scripted' ? selectAccount(profile.model, findProfileProtocol(profile.driver, profile.login)) : null;
    const second = findSecondSubscription(profile);
    const sub = second?.upstream === 'scripted' ? selectAccount(second.model, findProfileProtocol(profile.driver, undefined)) : null;
    if (own !== null || sub !== null) accounts.set(provider, { own, sub });
  }
  return accounts;
}

export interface RunQuota {
  file: string;
  state: QuotaState;
  /** A provider's accounts on the scripted server: those whose charges its finished arm settles. */
  accountsOf: (provider: string) => string[];
  /** What a resume did with the file's state, for stderr (nothing on a first run). */
  notes: string[];
}

/**
 * The state a run of `planId` starts from. The ledger is the truth and the file continues from it: a charge the file
 * holds is kept when an arm of its provider finished after it (its window is in windows.jsonl), and dropped when none
 * did, since it then belongs to the arm the killed run was cut short in, whose captures the run retracts and which it
 * redoes as attempt 2: the redone arm starts from the bars the uninterrupted run had there. (A real subscription would
 * keep that attempt's spend; a simulated one is there so that the same plan measures the same.) Per provider, since
 * arms of one provider never overlap; an account no provider names is cut at the plan's last window. The order is the
 * process's clock: each charge of an arm precedes its after capture, which precedes its window row's `ts`.
 */
export function loadRunQuota(request: {
  dataDir: string;
  planId: string;
  profiles: ReadonlyMap<string, ProviderProfile>;
  nowMs: number;
}): RunQuota {
  const file = resolveRunQuotaPath(request.dataDir, request.planId);
  const { state: kept, found } = readQuotaState(file, request.nowMs);
  const windows = [...findDoneArms(request.dataDir, request.planId).values()];
  const accounts = listScriptedAccounts(request.profiles);
  const lastWindow = new Map<string, number>();
  for (const window of windows) lastWindow.set(window.provider, Math.max(lastWindow.get(window.provider) ?? 0, Date.parse(window.ts)));
  const latestOf = (providers: string[]): number =>
    Math.max(Number.NEGATIVE_INFINITY, ...providers.map((provider) => lastWindow.get(provider) ?? Number.NEGATIVE_INFINITY));
  const cutoffOf = (account: string): number => {
    const users = [...accounts].filter(([, { own, sub }]) => own === account || sub === account).map(([provider]) => provider);
    return latestOf(users.length > 0 ? users : [...lastWindow.keys()]);
  };
  const rewound = rewindCharges(kept, cutoffOf);
  const lifted = liftUnits(rewound.state, measureFloors(windows, accounts));
  const notes: string[] = [];
  if (found && windows.length > 0) notes.push(`going on from ${file}, as the ledger's finished arms left it`);
  if (rewound.dropped > 0) notes.push(`dropped ${rewound.dropped} charge(s) of the arm(s) the killed run did not finish (redone now)`);
  if (lifted.lifted.length > 0)
    notes.push(
      `${found ? 'the state file had' : 'there was no state file, so'} no units for ${lifted.lifted.join(', ')}: they start at the bars the ledger's windows recorded last`,
    );
  if (!found || lifted.state !== kept) writeQuotaState(file, lifted.state);
  const accountsOf = (provider: string): string[] => {
    const names = accounts.get(provider);
    return names ? [names.own, names.sub].filter((name): name is string => name !== null) : [];
  };
  return { file, state: lifted.state, accountsOf, notes };
}

/**
 * Per account, the fewest units that show at least the highest bars its provider's windows recorded (5h and weekly;
 * the sub-agent subscription's too), in percent of a plan's window: where an account the file lost starts from.
 */
function measureFloors(windows: readonly WindowRow[], accounts: ReadonlyMap<string, ScriptedAccounts>): Map<string, number> {
  const floors = new Map<string, number>();
  const raise = (account: string | null | undefined, fiveHour: number | null | undefined, weekly: number | undefined): void => {
    if (account === null || account === undefined) return;
    const limits = selectBarLimits(account);
    const units = Math.max(toUnits(fiveHour, limits.fiveHourUnits), toUnits(weekly, limits.sevenDayUnits));
    floors.set(account, Math.max(floors.get(account) ?? 0, units));
  };
  for (const window of windows) {
    const names = accounts.get(window.provider);
    if (window.capacity?.unit === 'pct_5h') raise(names?.own, window.capacity.after, window.capacity.weekly?.after);
    raise(names?.sub, window.subagent_capacity?.five_hour?.after, window.subagent_capacity?.weekly?.after);
  }
  return floors;
}

/** The fewest whole units that are at least `percent` of a window of `windowUnits` (a hair under, for float noise). */
function toUnits(percent: number | null | undefined, windowUnits: number): number {
  return percent === null || percent === undefined ? 0 : Math.max(0, Math.ceil((percent / 100) * windowUnits - 1e-6));
}
