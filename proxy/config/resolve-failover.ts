// Resolves the failover chain of the default back end and refuses, naming the entry, one that could never work.
import { AppError } from '../../kernel/index.js';
import type { QuotaKind } from '../../ledger/vocabulary/index.js';
import type { Backend } from './backend.js';
import type { FailoverConfig } from './proxy-config-schema.js';

export interface FailoverMember {
  backend: Backend;
  /** The model sent there in place of the requested one; null: the route's. */
  rewriteModel: string | null;
}

export interface FailoverPlan {
  /** The default back end first, then where its requests move, in order. */
  members: FailoverMember[];
  /** Move once a bar on the current back end's answers reaches this percent; null: only on its refusal. */
  atPct: number | null;
  /** The quota endpoint read for the chain's first back end's bars, and how often; null (or absent): none. */
  quota?: { endpoint: QuotaKind; everyMs: number } | null;
}

/** Where an entry came from, as errors name it: `failover.chain[1]` in the file, `--failover #2` on the command line. */
export interface LocatedFailover extends FailoverConfig {
  where?: readonly string[];
}

/**
 * Refused at the start, each naming its entry: a back end that speaks another API than the chain's first (the
 * client's), one already in the chain (a loop), and one without a credential of its own (the client's credential
 * is one account's: sent to the next it would be refused, or spend the same account under another name).
 */
export function resolveFailover(
  config: LocatedFailover | undefined,
  head: Backend,
  resolveBackend: (ref: string, where: string) => Backend,
): FailoverPlan | null {
  if (!config) return null;
  const members: FailoverMember[] = [{ backend: head, rewriteModel: null }];
  const seen = new Map<string, string>([[head.name, 'the default back end']]);
  config.chain.forEach((entry, i) => {
    const where = config.where?.[i] ?? `failover.chain[${i}]`;
    const backend = resolveBackend(entry.backend, where);
    const earlier = seen.get(backend.name);
    if (earlier !== undefined)
      throw new AppError('BAD_INPUT', `back end ${backend.name} is already in the chain (${earlier}): a failover chain cannot loop`, {
        where,
      });
    seen.set(backend.name, where);
    const protocol = members.find((member) => member.backend.protocol !== null)?.backend.protocol ?? null;
    if (protocol !== null && backend.protocol !== null && backend.protocol !== protocol)
      throw new AppError(
        'BAD_INPUT',
        `back end ${backend.name} speaks ${backend.protocol}, but the chain's clients speak ${protocol} (from ${head.name}): every back end of a chain must speak the client's API`,
        { where },
      );
    if (backend.auth === null && backend.login === null)
      throw new AppError(
        'BAD_INPUT',
        `back end ${backend.name} has no credential of its own (auth_env or auth_login): the client's own belongs to the account it moves away from`,
        { where },
      );
    members.push({ backend, rewriteModel: entry.rewrite_model ?? null });
  });
  const quota = config.quota ? { endpoint: config.quota.endpoint, everyMs: config.quota.every_s * 1000 } : null;
  return { members, atPct: config.at_pct ?? null, quota };
}
