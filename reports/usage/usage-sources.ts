// The token sources of the usage tables, in the order they win a provider's day: a new source (the agents' own
// OpenTelemetry, say) is one more entry here, placed by how much it is trusted, and one more field of UsageInputs.
import type { PriceTable } from '../../budget/prices/index.js';
import { AppError } from '../../kernel/index.js';
import { collectCcusageUses, collectGeminiSessionUses, collectRolloutUses, collectSnapshotUses } from './collect-token-uses.js';
import { collectOtelUses } from './collect-otel-uses.js';
import { collectTranscriptUses } from './collect-transcript-uses.js';
import { collectProxyUses } from './fold-proxy-uses.js';
import { indexProxyRequests, mapRequestProjects, type ProxyRequests } from './index-proxy-requests.js';
import { createDayKeyer } from './period-keys.js';
import type { TokenUse, UsageInputs, UsageSource } from './usage-inputs.js';
import { findAccount, findBaseProvider } from './account-keys.js';

export interface UsageSourceContext {
  prices: PriceTable;
  timeZone: string;
  dayOf: (iso: string) => string | null;
  /** The per-session table asks for each use's session (a source that names none gives null). */
  bySession: boolean;
  /** The per-sub-agent table asks for each use's sub-agent (null for the main agent's). */
  bySubagent: boolean;
  /** The request ids the proxy saw per provider and day (indexProxyRequests): what a transcript adds beside it. */
  proxied: ProxyRequests;
}

/** What the uses are split by besides provider, day and model: nothing, the agent's session, or its sub-agent. */
export type UsageSplit = 'none' | 'session' | 'subagent';

export interface UsageSourceDef {
  name: UsageSource;
  /**
   * Whether its uses are single requests with their own time, which the everyday calibration places between two bar
   * readings (`tracker calibrate` reads these sources, in this order: EVERYDAY_SOURCE_ORDER).
   */
  timed: boolean;
  collect(input: UsageInputs, context: UsageSourceContext): TokenUse[];
}

/**
 * Several sources can see the same tokens (the proxy counts a request that Claude Code also writes to the transcript
 * ccusage reads; ccusage's Codex report is made from the rollouts; an agent behind the proxy may also export its own
 * OpenTelemetry). For each provider and day only the first source here with any use that day counts (per account where
 * the sources name one: collectCountedUses): the proxy's own count, then the agent's own OpenTelemetry, Claude Code's transcripts, Codex's rollouts, Gemini CLI's session files, ccusage's daily report,
 * snapshots. One exception makes the day a union: a transcript's answer whose request id the proxy did not see that
 * day, where every proxy row of the day names its request id, is a request the proxy never carried (another
 * terminal, another login), so it counts beside the proxy's (`beside`); one the proxy saw is left to the proxy's row.
 */
export const USAGE_SOURCES: readonly UsageSourceDef[] = [
  {
    name: 'proxy',
    timed: true,
    collect: (input, context) => {
      const split = { bySession: context.bySession, bySubagent: context.bySubagent };
      // A request the transcripts also hold takes their project (the proxy cannot tell the working directory).
      const projects = mapRequestProjects(input.readings);
      if (!input.folded)
        return collectProxyUses(input.telemetry, context.prices, context.dayOf, { ...split, ...(projects.size > 0 ? { projects } : {}) });
      // A fold added the rows up per day and model, and per session only when asked to; its days are its own zone's.
      if (context.bySession && input.folded.sessions !== true)
        throw new AppError('BAD_INPUT', "the proxy's rows were added up without their sessions: read them again");
      if (context.bySubagent) throw new AppError('BAD_INPUT', "the proxy's rows were added up without their sub-agents: read them again");
      if (input.folded.timeZone !== context.timeZone)
        throw new AppError(
          'BAD_INPUT',
          `the proxy's rows were added up in ${input.folded.timeZone}, not ${context.timeZone}: read them again`,
        );
      return input.folded.proxyUses;
    },
  },
  {
    name: 'otel',
    timed: true,
    collect: (input, context) =>
      collectOtelUses(input.otel ?? [], context.prices, context.dayOf, { bySession: context.bySession, bySubagent: context.bySubagent }),
  },
  {
    name: 'claude-transcript',
    timed: true,
    collect: (input, context) => collectTranscriptUses(input.readings, context.prices, context.dayOf, context.proxied),
  },
  {
    name: 'codex-rollout',
    timed: true,
    collect: (input, context) => collectRolloutUses(input.readings, context.prices, context.dayOf),
  },
  {
    name: 'gemini-session',
    timed: true,
    collect: (input, context) => collectGeminiSessionUses(input.readings, context.prices, context.dayOf),
  },
  { name: 'ccusage', timed: false, collect: (input) => collectCcusageUses(input.readings) },
  { name: 'snapshots', timed: false, collect: (input, context) => collectSnapshotUses(input.windows, context.dayOf) },
];

/** The sources' names in the order they win a provider's day. */
export const SOURCE_ORDER: readonly UsageSource[] = USAGE_SOURCES.map((source) => source.name);

/** The timed sources in the same order: the everyday calibration takes a provider's day from the first with any use. */
export const EVERYDAY_SOURCE_ORDER: readonly UsageSource[] = USAGE_SOURCES.filter((source) => source.timed).map((source) => source.name);

/**
 * Which sources count on each provider's day. Sources that name the account keep several accounts apart: a source is
 * outranked on an account's day only by a better source's uses of that account, or of the provider with no account
 * named (they could be that account's). A use that names no account is outranked by any better use of its provider
 * that day: it could be any account's, so it is never added beside the proxy's count of one of them.
 */
export interface CountedDays {
  /** `provider\0day` -> the best rank of a use naming no account, and of each account. */
  readonly days: ReadonlyMap<string, { any: number; none: number; accounts: Map<string, number> }>;
  /** The same, the proxy's uses left out: what outranks a use counted beside the proxy. */
  readonly unproxied: ReadonlyMap<string, { any: number; none: number; accounts: Map<string, number> }>;
}

/** Every source's uses, and which of them count (isCounted). */
export function collectCountedUses(
  input: UsageInputs,
  timeZone: string,
  split: UsageSplit = 'none',
): { uses: TokenUse[]; winners: CountedDays } {
  const dayOf = createDayKeyer(timeZone);
  const context: UsageSourceContext = {
    prices: input.prices,
    timeZone,
    dayOf,
    bySession: split === 'session',
    bySubagent: split === 'subagent',
    proxied: indexProxyRequests(input, dayOf),
  };
  const uses = USAGE_SOURCES.flatMap((source) => source.collect(input, context));
  const days: DayRanks = new Map();
  const unproxied: DayRanks = new Map();
  for (const use of uses) {
    rankUse(days, use);
    if (use.source !== 'proxy') rankUse(unproxied, use);
  }
  return { uses, winners: { days, unproxied } };
}

type DayRanks = Map<string, { any: number; none: number; accounts: Map<string, number> }>;

function rankUse(days: DayRanks, use: TokenUse): void {
  const key = `${findBaseProvider(use.provider)}\u0000${use.day}`;
  let day = days.get(key);
  if (!day) days.set(key, (day = { any: Number.POSITIVE_INFINITY, none: Number.POSITIVE_INFINITY, accounts: new Map() }));
  const rank = SOURCE_ORDER.indexOf(use.source);
  const account = findAccount(use.provider);
  day.any = Math.min(day.any, rank);
  if (account === null) day.none = Math.min(day.none, rank);
  else day.accounts.set(account, Math.min(day.accounts.get(account) ?? Number.POSITIVE_INFINITY, rank));
}

/** Whether `use` counts: no better source saw its provider's day (for its account, or for no account named). */
export function isCounted(winners: CountedDays, use: TokenUse): boolean {
  const day = (use.beside ? winners.unproxied : winners.days).get(`${findBaseProvider(use.provider)}\u0000${use.day}`);
  if (!day) return false;
  const rank = SOURCE_ORDER.indexOf(use.source);
  const account = findAccount(use.provider);
  if (account === null) return rank <= day.any;
  return rank <= Math.min(day.none, day.accounts.get(account) ?? Number.POSITIVE_INFINITY);
}
