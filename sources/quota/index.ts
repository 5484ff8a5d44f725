// Public API of the quota readers: pure parsers of the three providers' quota answers, and the loader that fetches them.
export { QUOTA_KINDS, type QuotaKind, type QuotaReading } from '../parsers/quota/quota-reading.js';
export { parseClaudeQuota } from '../parsers/quota/parse-claude-quota.js';
export { parseCodexQuota } from '../parsers/quota/parse-codex-quota.js';
export { parseGlmQuota } from '../parsers/quota/parse-glm-quota.js';
export { parseQuotaAnswer } from '../parsers/quota/parse-quota-answer.js';
export { QUOTA_PATHS, resolveQuotaEndpoint, type QuotaCredential, type QuotaEndpoint } from './quota-endpoints.js';
export { describeCredentialPlaces, loadQuotaCredential, locateCodexAuthFile, readCodexLogin } from './load-quota-credential.js';
export { fetchQuota, type QuotaFetch, type QuotaFetchOptions } from './fetch-quota.js';
