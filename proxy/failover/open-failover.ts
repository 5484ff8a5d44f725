// Opens the default back end's failover chain: its state kept in the data dir, and its quota endpoint read when set.
import { FAILOVER_STATE_FILE, writeFailoverState } from '../../ledger/index.js';
import type { FailoverPlan } from '../config/resolve-failover.js';
import { FailoverChain, type FailoverEvent } from './failover-chain.js';
import { openQuotaPoll } from './poll-quota.js';

export interface FailoverSetup {
  plan: FailoverPlan | null;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  clock: () => number;
  onEvent?: ((event: FailoverEvent) => void) | undefined;
  onWriteError?: ((message: string) => void) | undefined;
  /** A quota read that failed (one line, no credential); the chain goes on with the bars the answers carry. */
  onQuotaProblem?: ((line: string) => void) | undefined;
}

export interface OpenFailover {
  chain: FailoverChain;
  /** Writes the chain's state and starts the quota reads: once the proxy listens, so a start that fails leaves neither. */
  start(): void;
  /** Stops the quota reads (none without `failover.quota`). */
  stop(): void;
}

/**
 * The chain, its state kept in the data dir's proxy_failover.json from `start` and at every move and return, for the
 * status line and `tracker watch` (a write that fails is told as telemetry's are; the proxy goes on). With a quota
 * endpoint, its reads feed the chain's first back end's bars; a missing login refuses the start (an AppError).
 */
export function openFailover(setup: FailoverSetup): OpenFailover | null {
  const { plan } = setup;
  if (!plan) return null;
  const keep = (): void => {
    try {
      writeFailoverState(setup.dataDir, chain.toState());
    } catch (error) {
      setup.onWriteError?.(`${FAILOVER_STATE_FILE}: ${(error as Error).message}`);
    }
  };
  const chain = new FailoverChain(plan, setup.clock, (event) => {
    keep();
    setup.onEvent?.(event);
  });
  const quota = plan.quota
    ? openQuotaPoll(
        {
          endpoint: plan.quota.endpoint,
          everyMs: plan.quota.everyMs,
          env: setup.env,
          onBars: (bars) => chain.observeQuota(0, bars),
          onProblem: (line) => setup.onQuotaProblem?.(line),
        },
        'failover.quota',
      )
    : null;
  return {
    chain,
    start: () => {
      keep();
      quota?.start();
    },
    stop: () => quota?.stop(),
  };
}
