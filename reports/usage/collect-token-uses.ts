// Turns each token source of the ledger into dated uses (provider, model, day, tokens, dollars): pure.
import { computeUsageCost, type PriceTable, type UsageTokens } from '../../budget/prices/index.js';
import type { ReportWindow } from '../../ledger/index.js';
import { keyAccount } from './account-keys.js';
import type { TokenUse, UsageReading, UsageRow, UsageSource } from './usage-inputs.js';

/** Zero tokens and $0: the start of a sum. */
export function createEmptyCounts(): Omit<UsageRow, 'period' | 'provider' | 'model' | 'source'> {
  return { input: 0, output: 0, cache_read: 0, cache_creation: 0, total: 0, usd: 0, usd_reason: null };
}

export type { TokenUse, UsageSource };

/** One turn of a Codex session: its reading, and the tokens since the session's previous event (Anthropic convention). */
export interface RolloutStep {
  reading: UsageReading;
  tokens: { input: number; output: number; cache_read: number; cache_creation: number };
  total: number;
}

/**
 * Codex logs its session's running totals after each turn: a step is the change from the session's previous event.
 * A total that went down starts the count again (a session resumed elsewhere). Its input includes the cached
 * part (docs/codex-rollouts.md), taken out here so every source counts input the Anthropic way. A forked session's
 * totals go on from its parent's at the fork: its first step starts from the base the ingest recorded (`fork_base`),
 * whether or not the parent was ingested, else the parent's tokens would count twice; a fork without one starts from
 * its first event. Steps of no tokens are left out; each session's steps come in time order.
 */
export function stepRolloutReadings(readings: readonly UsageReading[]): RolloutStep[] {
  const sessions = new Map<string, UsageReading[]>();
  for (const reading of readings) {
    if (reading.format !== 'codex-rollout' || !reading.tokens) continue;
    const key = `${reading.provider}\u0000${reading.session_id ?? ''}`;
    const list = sessions.get(key) ?? [];
    list.push(reading);
    sessions.set(key, list);
  }
  const steps: RolloutStep[] = [];
  for (const list of sessions.values()) list.sort((a, b) => Date.parse(a.captured_at) - Date.parse(b.captured_at));
  for (const list of sessions.values()) {
    const first = list[0] as UsageReading;
    let previous = first.fork_base ? readTotals({ tokens: first.fork_base }) : first.forked_from ? readTotals(first) : ZERO_TOTALS;
    for (const reading of list) {
      const now = readTotals(reading);
      const base = now.total < previous.total ? ZERO_TOTALS : previous;
      previous = now;
      const step = (field: keyof typeof base) => Math.max(0, now[field] - base[field]);
      const cacheRead = step('cache_read');
      const total = step('total');
      if (total === 0) continue;
      steps.push({
        reading,
        tokens: { input: Math.max(0, step('input') - cacheRead), output: step('output'), cache_read: cacheRead, cache_creation: 0 },
        total,
      });
    }
  }
  return steps;
}

const ZERO_TOTALS = { total: 0, input: 0, output: 0, cache_read: 0, cache_creation: 0 };

function readTotals(reading: Pick<UsageReading, 'tokens'>): typeof ZERO_TOTALS {
  const counted = reading.tokens ?? { total: 0 };
  return {
    total: counted.total,
    input: counted.input ?? 0,
    output: counted.output ?? 0,
    cache_read: counted.cache_read ?? 0,
    cache_creation: counted.cache_creation ?? 0,
  };
}

/** Each Codex turn as a dated use (stepRolloutReadings), priced by its model. */
export function collectRolloutUses(
  readings: readonly UsageReading[],
  prices: PriceTable,
  dayOf: (iso: string) => string | null,
): TokenUse[] {
  const uses: TokenUse[] = [];
  for (const { reading, tokens, total } of stepRolloutReadings(readings)) {
    const day = dayOf(reading.captured_at);
    // The rollout's session is Codex's thread: the proxy's `session-id` header and OTel's conversation.id.
    if (day !== null) uses.push(priceReadingUse(prices, 'codex-rollout', reading, day, { ...tokens, total }, 'the rollout'));
  }
  return uses;
}

/** Each Gemini CLI answer of its session files (one request's tokens, counted once at ingest), priced by its model. */
export function collectGeminiSessionUses(
  readings: readonly UsageReading[],
  prices: PriceTable,
  dayOf: (iso: string) => string | null,
): TokenUse[] {
  const uses: TokenUse[] = [];
  for (const reading of readings) {
    const day = reading.format === 'gemini-session' && reading.tokens ? dayOf(reading.captured_at) : null;
    if (day === null || !reading.tokens) continue;
    const { total, input = 0, output = 0, cache_read = 0, cache_creation = 0 } = reading.tokens;
    const counts = { input, output, cache_read, cache_creation, total };
    uses.push(priceReadingUse(prices, 'gemini-session', reading, day, counts, 'the session file'));
  }
  return uses;
}

/**
 * ccusage's daily entries, keyed by the day ccusage gave them (in the zone ccusage ran in). A day ingested again
 * after it grew has a newer reading: only the last one of each (provider, report, day) counts. Other reports
 * (weekly, monthly, session, blocks) cover the same tokens again and are not counted.
 */
export function collectCcusageUses(readings: readonly UsageReading[]): TokenUse[] {
  const latest = new Map<string, UsageReading>();
  for (const reading of readings) {
    if (reading.format !== 'ccusage' || !reading.tokens || !reading.period) continue;
    if (!/(?:^| )daily$/.test(reading.period.report) || !/^\d{4}-\d{2}-\d{2}$/.test(reading.period.key)) continue;
    const key = `${keyAccount(reading.provider, reading.account)}\u0000${reading.period.report}\u0000${reading.period.key}`;
    const seen = latest.get(key);
    if (!seen || Date.parse(reading.captured_at) >= Date.parse(seen.captured_at)) latest.set(key, reading);
  }
  return [...latest.values()].map((reading) => {
    const tokens = reading.tokens ?? { total: 0 };
    const cost = reading.cost_usd ?? 0;
    const priced = cost > 0 || tokens.total === 0;
    return {
      source: 'ccusage',
      provider: keyAccount(reading.provider, reading.account),
      model: reading.model ?? null,
      day: reading.period?.key ?? '',
      input: tokens.input ?? 0,
      output: tokens.output ?? 0,
      cache_read: tokens.cache_read ?? 0,
      cache_creation: tokens.cache_creation ?? 0,
      total: tokens.total,
      usd: priced ? cost : null,
      usd_reason: priced ? null : 'ccusage priced these tokens at $0 (it had no price for the model, or ran --offline without one)',
    };
  });
}

/** A token-metered window's token counters (before and after snapshots): a total only, on the day it ended. */
export function collectSnapshotUses(windows: readonly ReportWindow[], dayOf: (iso: string) => string | null): TokenUse[] {
  const uses: TokenUse[] = [];
  for (const window of windows) {
    const capacity = window.capacity;
    const total = capacity?.unit === 'tokens' ? capacity.delta : (capacity?.tokens?.delta ?? null);
    const day = dayOf(window.ended_at ?? window.completed_at);
    if (total === null || total === undefined || total <= 0 || day === null) continue;
    uses.push({
      source: 'snapshots',
      provider: window.provider,
      model: null,
      day,
      input: 0,
      output: 0,
      cache_read: 0,
      cache_creation: 0,
      total,
      usd: null,
      usd_reason: 'snapshots count a total only, with no model to price it by',
    });
  }
  return uses;
}

/** A reading's use on its day, in its session, priced by the model it names (n/a, saying `where` names none). */
function priceReadingUse(
  prices: PriceTable,
  source: 'codex-rollout' | 'gemini-session',
  reading: UsageReading,
  day: string,
  counts: UsageTokens & { total: number },
  where: string,
): TokenUse {
  const { total, ...tokens } = counts;
  const at = {
    source,
    provider: keyAccount(reading.provider, reading.account),
    model: reading.model ?? null,
    day,
    session: reading.session_id ?? null,
    last_at: reading.captured_at,
    // The folder the session ran in (a Codex rollout's session_meta cwd): `tracker usage --by project`.
    ...(reading.project === undefined ? {} : { project: reading.project }),
  };
  if (reading.model) return priceUse(prices, at, tokens, total);
  return { ...at, ...tokens, total, usd: null, usd_reason: `${where} names no model, so no list price applies` };
}

/** A use priced at the model's list price (null with the reason when the table has none). */
function priceUse(
  prices: PriceTable,
  where: Pick<TokenUse, 'source' | 'provider' | 'model' | 'day' | 'session' | 'last_at' | 'project'>,
  tokens: UsageTokens,
  total: number,
): TokenUse {
  const cost = computeUsageCost(prices, where.provider, where.model, tokens);
  return { ...where, ...tokens, total, usd: cost.usd, usd_reason: cost.note };
}
