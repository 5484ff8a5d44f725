// Who an OTLP export's rows are charged to: the arm's base URL at a run's proxy, else the agent's resource attributes, else headers.
import { AGENT_ID_PATTERN, PROVIDER_ID_PATTERN, WINDOW_ID_PATTERN } from '../../ledger/vocabulary/index.js';
import { findAgentProvider } from '../../sources/agents/index.js';
import { type OtelUsageRecord, readText } from '../../sources/parsers/otlp/index.js';
import type { OtlpRequestAttribution } from './read-request-attribution.js';

export interface RowAttribution {
  agentId: string;
  provider: string | null;
  window_id: string | null;
  feature_id: string | null;
  attributed_by: 'arm-path' | 'resource' | 'header' | null;
}

const SAFE_FEATURE = /^[\x21-\x7e][\x20-\x7e]{0,127}$/;

/**
 * At a run's proxy the arm's path decides and nothing the agent sends can move its rows. Elsewhere the
 * export's resource attributes (`tracker.window_id`, `tracker.provider`, `tracker.feature_id`, `tracker.agent_id`, which
 * the runner and docs/otel.md put in OTEL_RESOURCE_ATTRIBUTES) win over x-tracker-* headers; an id that breaks the
 * ledger's rules counts as absent.
 */
export function attributeRecord(record: OtelUsageRecord, request: OtlpRequestAttribution, defaultAgent: string): RowAttribution {
  const valid = (value: string | null, pattern: RegExp): string | null => (value !== null && pattern.test(value) ? value : null);
  if (request.pinned) {
    return {
      agentId: valid(request.agent, AGENT_ID_PATTERN) ?? defaultAgent,
      provider: valid(request.provider, PROVIDER_ID_PATTERN),
      window_id: valid(request.window, WINDOW_ID_PATTERN),
      feature_id: valid(request.feature, SAFE_FEATURE),
      attributed_by: 'arm-path',
    };
  }
  const own = (key: string): string | null => readText(record.resource_attributes[key]) ?? readText(record.attributes[key]);
  const fromResource = valid(own('tracker.window_id'), WINDOW_ID_PATTERN);
  const fromHeader = valid(request.window, WINDOW_ID_PATTERN);
  return {
    agentId: valid(own('tracker.agent_id'), AGENT_ID_PATTERN) ?? valid(request.agent, AGENT_ID_PATTERN) ?? defaultAgent,
    provider:
      valid(own('tracker.provider'), PROVIDER_ID_PATTERN) ??
      valid(request.provider, PROVIDER_ID_PATTERN) ??
      (record.agent === null ? null : findAgentProvider(record.agent)),
    window_id: fromResource ?? fromHeader,
    feature_id: valid(own('tracker.feature_id'), SAFE_FEATURE) ?? valid(request.feature, SAFE_FEATURE),
    attributed_by: fromResource ? 'resource' : fromHeader ? 'header' : null,
  };
}
