// What the runner knows about one arm before it runs, and what it knows after.
import type { Outcome, QualityMeasure, WindowSubscription } from '../../ledger/index.js';
import type { LedgerFence } from '../../ledger/pg/index.js';
import type { BudgetEvent, BudgetTracker } from '../../budget/index.js';
import type { AgentOutcome } from '../budget/run-agent-with-budget.js';
import type { Driver, DriverName } from '../drivers/driver.js';
import type { PlanArm } from '../plan/build-plan.js';
import type { ProviderProfile } from '../providers/provider-profiles.js';
import type { BankTask } from '../task-bank/load-task-bank.js';
import type { NpmCacheSource } from '../task-bank/npm-offline-cache.js';
import type { QuotaSource } from './capture-from-quota.js';
import type { SubagentQuota } from './capture-subagent-capacity.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';

export interface ArmJob {
  planId: string;
  seed: string;
  /** The plan's repeats of each arm (`--epochs`); absent or 1: a plan without epochs. */
  epochs?: number | undefined;
  arm: PlanArm;
  task: BankTask;
  profile: ProviderProfile;
  /** 1 for the first try; a resumed arm whose earlier try was cut short gets the next number. */
  attempt: number;
  windowId: string;
  /** The worker's agent id: windows, readings and state are kept per agent. */
  agentId: string;
}

export interface ArmServices {
  dataDir: string;
  /** The proxy's own URL: its /_tracker/ routes, and the base URL of requests when openProxyPath is absent. */
  proxyUrl: string;
  /**
   * A run's proxy: a base URL of its own for the agent (or a probe) whose every request is charged to these attribution
   * headers whatever it sends; closed when the agent ends. Absent: proxyUrl, and the headers the
   * client sends decide (a proxy of one's own, tests).
   */
  openProxyPath?: ((headers: Record<string, string>) => { url: string; close(): void }) | undefined;
  drivers: Record<DriverName, Driver>;
  /** A window's methodology text for this arm, its agent's version and where its capacity was read. */
  describeMethodology: (job: ArmJob, agentVersion: string, capacity: string) => string;
  /** Providers whose capacity is read from their quota endpoint (by provider id); the others use the proxy's readings. */
  quotaSources?: ReadonlyMap<string, QuotaSource> | undefined;
  /** Providers whose sub-agent requests go to a second subscription read from its quota endpoint (by provider id). */
  subagentQuotas?: ReadonlyMap<string, SubagentQuota> | undefined;
  /** Tokens each provider used so far in this run, the base of token-metered windows (provider id -> tokens). */
  tokenTally?: Map<string, number> | undefined;
  /** Each provider's subscription plan and price, recorded in its windows (by provider id). */
  subscriptions?: ReadonlyMap<string, WindowSubscription> | undefined;
  budget: { tracker: BudgetTracker; graceMs: number; record: (event: BudgetEvent, job: ArmJob) => void };
  /** What an arm's quality is on a task with fail_to_pass tests: its plan's registered measure (default `resolved`). */
  quality?: QualityMeasure | undefined;
  /** Overrides the task's own timeout (ms). */
  timeoutMs?: number | undefined;
  /** Tasks with a `test.setup`: where its result is cached, whether the set-up may reach the network, the npm cache it copies from offline. */
  setup?: { cacheDir: string; allowNetwork: boolean; npmCache?: NpmCacheSource | null | undefined } | undefined;
  /** Where sandboxes are made (default: the system temp folder). */
  sandboxParent?: string | undefined;
  keepSandboxes: boolean;
  /** How the agent and its hidden tests are isolated (runner/isolation); absent: unisolated, as `none`. */
  isolation?: IsolationPlan | undefined;
  /** Environment the agents may inherit (the runner's own), filtered by each profile's pass_env. */
  env: NodeJS.ProcessEnv;
  onActivity?: ((job: ArmJob, activity: ArmActivity) => void) | undefined;
  /** A queue worker's claim (runner/queue): the window is completed only while the claim is still its own. */
  completionFence?: LedgerFence | undefined;
  /** The same claim's fence of every other write of the arm (its captures, their retractions): see run-arm.ts. */
  claimFence?: LedgerFence | undefined;
}

/** What a running arm is doing, for the progress view. */
export type ArmActivity = { stage: 'sandbox' | 'before' | 'waiting' | 'tests' | 'after' } | { stage: 'agent'; tokens: number };

export interface ArmResult {
  arm_index: number;
  period: number;
  sequence: string;
  task_id: string;
  provider: string;
  window_id: string;
  agent_id: string;
  attempt: number;
  agent_outcome: AgentOutcome;
  outcome: Outcome;
  quality: number;
  tests: { total: number; passed: number; failed: number };
  /** For a task with fail_to_pass tests: every fail_to_pass and pass_to_pass test passed (SWE-bench's resolved). */
  resolved?: boolean;
  /** For such a task: the pass_to_pass tests the arm's change broke. */
  broken?: string[];
  /** % of the 5h window (tokens for a token-metered provider: see `capacity_unit`); null when the captures gave none. */
  capacity_delta: number | null;
  /** The unit of `capacity_delta`: `pct_5h`, or `tokens` for a token-metered (API-key) provider. */
  capacity_unit?: 'pct_5h' | 'tokens' | null;
  /** Tokens the agent reported (input + output + cache read + cache write). */
  tokens: number;
  commit_start: string;
  commit_end: string;
  churn: { files: number; insertions: number; deletions: number };
  errors: string[];
  anomalies: number;
  notes: string[];
  /** Why the arm could not run (a sandbox error, a back end that answered nothing): not scored, it stays pending. */
  infra_failure: string | null;
  /**
   * The provider refused every request of the agent (HTTP 429, its limit reached) and answered none: the arm is scored
   * as it ended, but the progress line says `refused`, never `fail` as for a wrong solution. Absent: none.
   */
  provider_refusal?: string | null | undefined;
  duration_ms: number;
  agent_ms: number;
  tests_ms: number;
  /** Everything but the agent and the tests: sandbox, probes, captures, git, ledger. */
  overhead_ms: number;
  /** Wall time of each phase that ran (runner/arm/arm-phases.ts); the tests phase includes the commit of the agent's work. */
  phases_ms: Record<string, number>;
}
