// Public API of the quota readers: pure parsers of each provider's quota answer, the kinds that declare the endpoints, and the loader.
export { QUOTA_KINDS, type QuotaKind, type QuotaReading } from '../parsers/quota/quota-reading.js';
export { parseClaudeQuota } from '../parsers/quota/parse-claude-quota.js';
export { parseCodexQuota } from '../parsers/quota/parse-codex-quota.js';
export { parseGeminiQuota } from '../parsers/quota/parse-gemini-quota.js';
export { parseGlmQuota } from '../parsers/quota/parse-glm-quota.js';
export { findQuotaKind, locateCodexAuthFile, readCodexLogin } from './kinds/index.js';
export {
  describeCredentialPlaces,
  findQuotaAccount,
  listCredentialDirs,
  loadQuotaCredential,
  QUOTA_PATHS,
  resolveQuotaEndpoint,
  type QuotaCredential,
  type QuotaEndpoint,
} from './quota-endpoints.js';
export { fetchQuota, type QuotaFetch, type QuotaFetchOptions } from './fetch-quota.js';
