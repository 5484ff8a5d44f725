// Each provider's recorded use as timed columns (list-price dollars and tokens) for the everyday calibration, folded one use at a time: pure.
import { computeUsageCost, type PriceTable } from '../../budget/prices/index.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import { readRowTokens } from '../../ledger/vocabulary/index.js';
import type { UsageOtelRow } from '../../ledger/index.js';
import { keyAccount } from '../usage/account-keys.js';
import { stepRolloutReadings } from '../usage/collect-token-uses.js';
import { readTranscriptTokens, selectTranscriptReadings } from '../usage/collect-transcript-uses.js';
import type { UsageReading, UsageTelemetry } from '../usage/usage-inputs.js';
import type { UseColumns } from './everyday-samples.js';
import { createDayCounter, type SourceColumns } from './pick-everyday-uses.js';

/** One counted request or turn of a source: whose, when, which model, its tokens in the Anthropic convention. */
export interface TimedUse {
  source: string;
  provider: string;
  at_ms: number;
  model: string | null;
  input: number;
  output: number;
  cache_read: number;
  cache_creation: number;
  /** The upstream's request id (a proxy row's trace_id, a transcript answer's requestId), when the source names it. */
  request?: string | null;
}

export interface EverydayUses {
  dollars: Map<string, UseColumns>;
  tokens: Map<string, UseColumns>;
  /** The sources each provider's days were taken from (the first in `order` with any use that day). */
  sources: Map<string, Set<string>>;
  /** Uses with tokens that no list price covers (their model is not in the table): left out of the dollars only. */
  unpriced: number;
}

/** A proxy row as a timed use; null for a row with no counts (a probe of the API, a refusal) or no time. */
export function readProxyTimedUse(row: UsageTelemetry): TimedUse | null {
  if (row.prompt_tokens === null && row.completion_tokens === null) return null;
  const at = Date.parse(row.timestamp);
  const { total, ...tokens } = readRowTokens(row);
  if (!Number.isFinite(at) || total <= 0) return null;
  const provider = keyAccount(nameBackendProvider(row.backend_provider), row.account);
  return { source: 'proxy', provider, at_ms: at, model: row.model ?? null, ...tokens, request: row.trace_id ?? null };
}

/**
 * An agent's own OpenTelemetry row as a timed use (selectCountedOtelRows picks which rows of a day count): a request at
 * the instant the agent logged it; a token metric step at the end of its export interval (60 s at most by default, so a
 * bar reading taken within it may find it on its other side). Null for a row with no time or no tokens.
 */
export function readOtelTimedUse(row: UsageOtelRow): TimedUse | null {
  const at = Date.parse(row.occurred_at);
  const { provider, model, input, output, cache_read, cache_creation } = row;
  if (!Number.isFinite(at) || input + output + cache_read + cache_creation <= 0) return null;
  return { source: 'otel', provider: keyAccount(provider, row.account), at_ms: at, model, input, output, cache_read, cache_creation };
}

/**
 * The uses readings carry, each at its own instant: Codex's turns from its rollouts (stepRolloutReadings), each at its
 * token_count event (the same event carries the bars the server reported with the turn's last answer, so the turn
 * lands with the reading it moved: a use at a reading's instant belongs to that reading, everyday-samples.ts),
 * Gemini CLI's answers from its session files, each at the answer's time, and Claude Code's answers from its
 * transcripts, each copy of an answer once (selectTranscriptReadings).
 */
export function readReadingTimedUses(readings: readonly UsageReading[]): TimedUse[] {
  const steps = stepRolloutReadings(readings).map(({ reading, tokens }) => ({ source: 'codex-rollout', reading, tokens }));
  const answers = readings
    .filter((reading) => reading.format === 'gemini-session' && reading.tokens)
    .map((reading) => ({ source: 'gemini-session', reading, tokens: readTranscriptTokens(reading) }));
  const transcripts = selectTranscriptReadings(readings).map((reading) => ({
    source: 'claude-transcript',
    reading,
    tokens: readTranscriptTokens(reading),
  }));
  const uses: TimedUse[] = [];
  for (const { source, reading, tokens } of [...steps, ...answers, ...transcripts]) {
    const at = Date.parse(reading.captured_at);
    const { input, output, cache_read, cache_creation } = tokens;
    if (Number.isFinite(at))
      uses.push({
        source,
        provider: keyAccount(reading.provider, reading.account),
        at_ms: at,
        model: reading.model ?? null,
        input,
        output,
        cache_read,
        cache_creation,
        request: reading.request_id ?? null,
      });
  }
  return uses;
}

export interface EverydayUseFold {
  add(use: TimedUse): void;
  /** Forgets every use added (a reader reading the rows again). */
  restart(): void;
  /** The provider and account keys of the uses added (what createAccountLabeler counts accounts in). */
  keys(): string[];
  /** The columns by account: `account` names the subscription a provider's uses spend (its own name by default). */
  finish(account?: (provider: string) => string): EverydayUses;
}

/**
 * Several sources may count the same requests (an agent behind the proxy that also exports its own telemetry): as
 * `tracker usage` does, a provider's day is taken from the first source in `order` that has any use that day, and the
 * others' uses that day are left out, but for the transcripts' requests the proxy never carried (createDayCounter). `dayOf` keys a time to its day in the user's zone. Each use is priced as it is
 * added and kept as three numbers, never as the object it came in.
 */
export function createEverydayUseFold(order: readonly string[], prices: PriceTable, dayOf: (ms: number) => string): EverydayUseFold {
  let byProvider = new Map<string, Map<string, SourceColumns>>();
  return {
    add(use) {
      let sources = byProvider.get(use.provider);
      if (!sources) byProvider.set(use.provider, (sources = new Map()));
      let columns = sources.get(use.source);
      if (!columns) sources.set(use.source, (columns = { at: [], usd: [], tokens: [], request: [] }));
      const tokens = { input: use.input, output: use.output, cache_read: use.cache_read, cache_creation: use.cache_creation };
      columns.at.push(use.at_ms);
      columns.usd.push(computeUsageCost(prices, use.provider, use.model, tokens).usd ?? Number.NaN);
      columns.tokens.push(tokens.input + tokens.output + tokens.cache_read + tokens.cache_creation);
      columns.request.push(use.request ?? null);
    },
    restart() {
      byProvider = new Map();
    },
    keys: () => [...byProvider.keys()],
    finish(account = (provider: string) => provider) {
      const result: EverydayUses = { dollars: new Map(), tokens: new Map(), sources: new Map(), unpriced: 0 };
      for (const [provider, sources] of groupByAccount(byProvider, account)) {
        const counts = createDayCounter(sources, order, dayOf);
        const kept: { at: number; usd: number; tokens: number }[] = [];
        const used = new Set<string>();
        for (const [source, columns] of sources)
          for (let i = 0; i < columns.at.length; i += 1) {
            const at = columns.at[i] as number;
            if (!counts(source, i)) continue;
            kept.push({ at, usd: columns.usd[i] as number, tokens: columns.tokens[i] as number });
            used.add(source);
          }
        kept.sort((a, b) => a.at - b.at);
        const unpriced: number[] = [];
        const dollars: UseColumns = { at_ms: [], amount: [], skipped_at_ms: unpriced };
        const tokens: UseColumns = { at_ms: [], amount: [] };
        for (const use of kept) {
          tokens.at_ms.push(use.at);
          tokens.amount.push(use.tokens);
          if (Number.isNaN(use.usd)) {
            result.unpriced += 1;
            unpriced.push(use.at);
          } else {
            dollars.at_ms.push(use.at);
            dollars.amount.push(use.usd);
          }
        }
        result.dollars.set(provider, dollars);
        result.tokens.set(provider, tokens);
        result.sources.set(provider, used);
      }
      return result;
    },
  };
}

/**
 * Each account's sources, its providers' columns of one source put end to end (the day's winner and the time order are
 * settled after): one account's day is taken from one source, whichever of its providers used it.
 */
function groupByAccount(
  byProvider: ReadonlyMap<string, Map<string, SourceColumns>>,
  account: (provider: string) => string,
): Map<string, Map<string, SourceColumns>> {
  const grouped = new Map<string, Map<string, SourceColumns>>();
  for (const [provider, sources] of byProvider) {
    const name = account(provider);
    const held = grouped.get(name);
    if (!held) {
      grouped.set(name, new Map(sources));
      continue;
    }
    // New arrays, never the fold's own: the columns stay as added.
    for (const [source, columns] of sources) {
      const into = held.get(source);
      held.set(
        source,
        into
          ? {
              at: into.at.concat(columns.at),
              usd: into.usd.concat(columns.usd),
              tokens: into.tokens.concat(columns.tokens),
              request: into.request.concat(columns.request),
            }
          : columns,
      );
    }
  }
  return grouped;
}
