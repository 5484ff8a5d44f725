// A proxy telemetry row's charge: its context and its tokens in the Anthropic convention (input without cache).
import { readRowTokens } from '../ledger/vocabulary/index.js';
import { normalizeBudgetKey } from './budget-policy.js';
import type { ChargeContext, UsageDelta } from './budget-contract.js';

/** The fields of a telemetry row a charge is made of (TelemetryRow has them all). */
export interface TelemetryUsageFields {
  agent_id: string;
  backend_provider: string;
  model: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  cache_read_tokens?: number | null;
  cache_creation_tokens?: number | null;
  path?: string | undefined;
  command?: string | null;
  window_id?: string | null;
  feature_id?: string | null;
}

/**
 * The ledger's one reading of a row's tokens (ledger/vocabulary/read-row-tokens.ts): a row whose `path` is an OpenAI
 * endpoint has its cached part taken out of `prompt_tokens`, so nothing is counted twice. A null count is 0.
 */
export function readTelemetryUsage(fields: TelemetryUsageFields): UsageDelta {
  const { input, output, cache_read, cache_creation } = readRowTokens(fields);
  return { input, output, cache_read, cache_creation };
}

/** What the row was charged to: the proxy charges by the same fields (provider is the back end's name). */
export function readTelemetryContext(fields: TelemetryUsageFields): ChargeContext {
  return {
    agent: fields.agent_id,
    command: normalizeBudgetKey('command', fields.command),
    provider: fields.backend_provider,
    window: fields.window_id ?? null,
    feature: fields.feature_id ?? null,
    model: fields.model,
  };
}
