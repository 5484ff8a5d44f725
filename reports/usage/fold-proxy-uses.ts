// The proxy's requests as dated uses (provider and account, model, day, tokens, dollars), folded one row at a time: pure.
import { computeUsageCost, findModelPrice, type PriceTable, type UsageCost, type UsageTokens } from '../../budget/prices/index.js';
import { readRowTokens } from '../../ledger/vocabulary/index.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import { keyAccount } from './account-keys.js';
import { createEmptyCounts } from './collect-token-uses.js';
import type { TokenUse, UsageSource, UsageTelemetry } from './usage-inputs.js';

/**
 * The proxy's requests, added up per provider, day and model as they are read: one object per group rather than per
 * request keeps a ledger of 200,000 requests from spending its time collecting garbage. Each request is still priced
 * alone (a long prompt pays another rate), through a price table narrowed to its model once.
 */
export function collectProxyUses(
  rows: readonly UsageTelemetry[],
  prices: PriceTable,
  dayOf: (iso: string) => string | null,
  options: ProxyUseOptions = {},
): TokenUse[] {
  const fold = createProxyUseFold(prices, dayOf, options);
  for (const row of rows) fold.add(row);
  return fold.finish();
}

/** collectProxyUses one row at a time, for a reader that folds the proxy's rows as it reads them. */
export interface ProxyUseFold {
  add(row: UsageTelemetry): void;
  /** Forgets every row added (a reader reading the rows again). */
  restart(): void;
  finish(): TokenUse[];
}

export interface ProxyUseOptions {
  /** Groups by the agent's session too, keeping each group's latest request time (the per-session table). */
  bySession?: boolean;
  /** Groups by the sub-agent too (null for the main agent's requests): the per-sub-agent table. */
  bySubagent?: boolean;
  /** Request id -> the project a transcript names for it: the rows are grouped by project too (`--by project`). */
  projects?: ReadonlyMap<string, string>;
}

export function createProxyUseFold(prices: PriceTable, dayOf: (iso: string) => string | null, options: ProxyUseOptions = {}): ProxyUseFold {
  const groups = createTokenUseGroups('proxy', prices, dayOf, options);
  return {
    add(row) {
      if (row.prompt_tokens === null && row.completion_tokens === null) return;
      const { total: _total, ...tokens } = readRowTokens(row);
      const where = {
        provider: keyAccount(nameBackendProvider(row.backend_provider), row.account),
        model: row.model ?? null,
        session: row.session_id ?? null,
        subagent: row.subagent_id ?? null,
        ...(options.projects ? { project: (row.trace_id && options.projects.get(row.trace_id)) || null } : {}),
      };
      groups.add({ ...where, at: row.timestamp }, tokens);
    },
    restart: () => groups.restart(),
    finish: () => groups.finish(),
  };
}

/** A source's uses added up per provider, day and model (and session), each use priced alone as it is added. */
export interface TokenUseGroups {
  add(
    where: {
      provider: string;
      model: string | null;
      session: string | null;
      subagent?: string | null;
      project?: string | null;
      at: string;
    },
    tokens: UsageTokens,
  ): void;
  restart(): void;
  finish(): TokenUse[];
}

export function createTokenUseGroups(
  source: UsageSource,
  prices: PriceTable,
  dayOf: (iso: string) => string | null,
  options: ProxyUseOptions = {},
): TokenUseGroups {
  let groups = new Map<string, TokenUse>();
  const priceOf = createModelPricer(prices);
  return {
    add(where, tokens) {
      const day = dayOf(where.at);
      if (day === null) return;
      const { provider, model } = where;
      const session = options.bySession ? where.session : undefined;
      const subagent = options.bySubagent ? (where.subagent ?? null) : undefined;
      const project = where.project;
      const key = `${provider}\u0000${day}\u0000${model ?? ''}${session === undefined ? '' : `\u0000${session ?? ''}`}${subagent === undefined ? '' : `\u0001${subagent ?? ''}`}${project === undefined ? '' : `\u0002${project ?? ''}`}`;
      let use = groups.get(key);
      if (!use) {
        use = { source, provider, model, day, ...createEmptyCounts() };
        if (session !== undefined) Object.assign(use, { session, last_at: where.at });
        if (subagent !== undefined) use.subagent = subagent;
        if (project !== undefined) use.project = project;
        groups.set(key, use);
      }
      if (session !== undefined && Date.parse(where.at) > Date.parse(use.last_at ?? '')) use.last_at = where.at;
      use.input += tokens.input;
      use.output += tokens.output;
      use.cache_read += tokens.cache_read;
      use.cache_creation += tokens.cache_creation;
      use.total += tokens.input + tokens.output + tokens.cache_read + tokens.cache_creation;
      if (use.usd === null) return;
      const cost = priceOf(provider, model, tokens);
      if (cost.usd === null) {
        use.usd = null;
        use.usd_reason = cost.note;
      } else use.usd += cost.usd;
    },
    restart() {
      groups = new Map();
    },
    finish: () => [...groups.values()],
  };
}

/** computeUsageCost with each provider's model's lookup (its own prices, exact names, then globs) done once. */
function createModelPricer(prices: PriceTable): (provider: string, model: string | null, tokens: UsageTokens) => UsageCost {
  const narrowed = new Map<string, PriceTable | UsageCost>();
  return (provider, model, tokens) => {
    if (model === null) return computeUsageCost(prices, provider, model, tokens);
    const key = `${provider}\u0000${model}`;
    let entry = narrowed.get(key);
    if (entry === undefined) {
      const found = findModelPrice(prices, model, provider);
      // Without a price the answer is the same for any tokens: keep it.
      entry = found
        ? { layers: [{ name: found.layer, models: { [model.trim().toLowerCase()]: found.price } }] }
        : computeUsageCost(prices, provider, model, tokens);
      narrowed.set(key, entry);
    }
    return 'layers' in entry ? computeUsageCost(entry, provider, model, tokens) : entry;
  };
}
