// Reads the JSON of `ccusage … --json` into provider token totals per entry, refusing shapes it does not know.
import type { z } from 'zod';
import type { Tokens } from '../../../ledger/schemas/index.js';
import { findCcusageProvider } from '../../../ledger/vocabulary/index.js';
import { fail, succeed, type ParseResult } from '../parse-result.js';
import {
  BlockEntrySchema,
  ClaudeEntrySchema,
  CodexEntrySchema,
  ENTRY_KEYS,
  UnifiedEntrySchema,
  type ReportList,
} from './ccusage-schemas.js';
import { checkReportProvider } from './check-ccusage-provider.js';

export interface CcusageEntry {
  provider: string;
  key: string;
  tokens: Tokens;
  costUsd: number;
  start?: string;
  end?: string;
}

export interface CcusageReport {
  /** `claude daily`, `codex session`, `daily` (unified), `claude blocks`, ... */
  report: string;
  entries: CcusageEntry[];
  /** The report's own `totals.totalTokens`, when it has one. */
  totalTokens: number | null;
}

/** ccusage's reports by shape: one agent's (its cost in `totalCost` or `costUSD`), unified, or blocks. */
type Namespace = 'totalCost' | 'costUSD' | 'unified' | 'blocks';

/**
 * `provider` is used for a unified report that mixes agents; without it such a report is refused, and an agent's own
 * report given another agent's is refused too (it would be recorded under the wrong name). Never throws.
 */
export function parseCcusageReport(text: string, options: { provider?: string } = {}): ParseResult<CcusageReport> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(text.trim() === '' ? 'input is empty' : `input is not JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) return fail('expected the JSON object `ccusage … --json` prints');
  const lists = (Object.keys(ENTRY_KEYS) as ReportList[]).filter((name) => Array.isArray(value[name]));
  const list = lists[0];
  if (!list || lists.length > 1)
    return fail(
      `expected one of ${Object.keys(ENTRY_KEYS).join(', ')} as a list at the top level, got ${JSON.stringify(Object.keys(value))}`,
    );
  const raw = value[list] as unknown[];
  const namespace = detectNamespace(list, raw[0]);
  if (typeof namespace !== 'string') return fail(namespace.error);
  const owner = namespace === 'unified' ? null : findCcusageProvider(namespace);
  const reportName = (owner === null ? list : `${owner} ${namespace === 'blocks' ? 'blocks' : list}`).replace(/sessions$/, 'session');
  if (owner !== null && namespace !== 'unified') {
    const refused = checkReportProvider(options.provider, { owner, name: reportName, shape: namespace, items: raw });
    if (refused !== null) return fail(refused);
  }
  const entries: CcusageEntry[] = [];
  for (const [index, item] of raw.entries()) {
    const entry = readEntry(namespace, list, item, options.provider);
    if ('error' in entry) return fail(`${list}[${index}].${entry.error}`);
    if (entry.entry) entries.push(entry.entry);
  }
  const totals = isObject(value.totals) && typeof value.totals.totalTokens === 'number' ? value.totals.totalTokens : null;
  return succeed({ report: reportName, entries, totalTokens: totals });
}

function detectNamespace(list: ReportList, first: unknown): Namespace | { error: string } {
  if (list === 'blocks') return 'blocks';
  if (first === undefined) return 'totalCost';
  if (!isObject(first)) return { error: `${list}[0]: expected an object` };
  if ('agent' in first || list === 'session') return 'unified';
  if ('costUSD' in first) return 'costUSD';
  if ('totalCost' in first) return 'totalCost';
  return { error: `${list}[0]: expected totalCost (a Claude report), costUSD (a Codex report) or agent (a unified report)` };
}

function readEntry(
  namespace: Namespace,
  list: ReportList,
  item: unknown,
  provider: string | undefined,
): { entry: CcusageEntry | null } | { error: string } {
  const schema: z.ZodType = {
    totalCost: ClaudeEntrySchema,
    costUSD: CodexEntrySchema,
    unified: UnifiedEntrySchema,
    blocks: BlockEntrySchema,
  }[namespace];
  const parsed = schema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: `${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  const entry = parsed.data as Record<string, unknown>;
  const keyField = namespace === 'unified' ? 'period' : ENTRY_KEYS[list][0];
  const key = entry[keyField] ?? (item as Record<string, unknown>)[keyField];
  if (typeof key !== 'string' || key === '') return { error: `${keyField}: expected the entry's ${keyField}` };
  if (namespace === 'blocks') {
    const block = entry as z.infer<typeof BlockEntrySchema>;
    if (block.isGap) return { entry: null };
    const counts = block.tokenCounts;
    const tokens = {
      total: block.totalTokens,
      input: counts.inputTokens,
      output: counts.outputTokens,
      cache_read: counts.cacheReadInputTokens,
      cache_creation: counts.cacheCreationInputTokens,
    };
    return {
      entry: {
        provider: findCcusageProvider('blocks') as string,
        key,
        tokens,
        costUsd: block.costUSD,
        start: toIso(block.startTime),
        end: toIso(block.actualEndTime ?? block.endTime),
      },
    };
  }
  const totals = entry as z.infer<typeof ClaudeEntrySchema>;
  const tokens = {
    total: totals.totalTokens,
    input: totals.inputTokens,
    output: totals.outputTokens,
    cache_read: totals.cacheReadTokens,
    cache_creation: totals.cacheCreationTokens,
  };
  const costUsd = namespace === 'costUSD' ? (entry.costUSD as number) : (entry.totalCost as number);
  const owner =
    namespace === 'unified'
      ? unifiedProvider(entry as z.infer<typeof UnifiedEntrySchema>, provider)
      : (findCcusageProvider(namespace) as string);
  if (typeof owner !== 'string') return owner;
  return { entry: { provider: owner, key, tokens, costUsd } };
}

/** A unified entry names one agent, or `all` with the agents it mixed; only mixing needs (and takes) `--provider`. */
function unifiedProvider(entry: z.infer<typeof UnifiedEntrySchema>, provider: string | undefined): string | { error: string } {
  if (entry.agent !== 'all') return entry.agent;
  const agents = entry.metadata?.agents ?? [];
  if (agents.length === 1 && agents[0]) return agents[0];
  if (provider) return provider;
  return {
    error: `agent: the unified report mixes ${agents.join(', ') || 'several agents'}; ingest \`ccusage claude …\` and \`ccusage codex …\` separately, or pass --provider`,
  };
}

function toIso(value: string): string | undefined {
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
