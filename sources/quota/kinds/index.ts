// The quota endpoints tracker reads, one declared file per provider: everything else reads them through here.
import type { QuotaKind } from '../../parsers/quota/quota-reading.js';
import { CLAUDE_QUOTA } from './claude.js';
import { CODEX_QUOTA } from './codex.js';
import { GEMINI_QUOTA } from './gemini.js';
import { GLM_QUOTA } from './glm.js';
import type { QuotaKindSpec } from './quota-kind.js';

export { locateCodexAuthFile, readCodexLogin } from './codex.js';
export type { QuotaCredential, QuotaKindSpec, QuotaRequest } from './quota-kind.js';

const SPECS: Readonly<Record<QuotaKind, QuotaKindSpec>> = {
  claude: CLAUDE_QUOTA,
  codex: CODEX_QUOTA,
  glm: GLM_QUOTA,
  gemini: GEMINI_QUOTA,
};

export function findQuotaKind(kind: QuotaKind): QuotaKindSpec {
  return SPECS[kind];
}
