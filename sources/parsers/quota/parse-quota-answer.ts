// Dispatches a quota answer to its provider's parser (pure).
import type { ParseResult } from '../parse-result.js';
import { parseClaudeQuota } from './parse-claude-quota.js';
import { parseCodexQuota } from './parse-codex-quota.js';
import { parseGlmQuota } from './parse-glm-quota.js';
import type { QuotaKind, QuotaReading } from './quota-reading.js';

/** `at` is when the answer arrived (Codex may give a reset only as seconds from now). */
export function parseQuotaAnswer(kind: QuotaKind, text: string, at: Date): ParseResult<QuotaReading> {
  if (kind === 'claude') return parseClaudeQuota(text);
  if (kind === 'codex') return parseCodexQuota(text, at);
  return parseGlmQuota(text);
}
