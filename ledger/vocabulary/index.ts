// The word lists and id rules of the row schemas, apart from zod: preview's byte scanners and every command's option check
// read them without loading it (~65 ms of start-up).
export const ROW_SOURCES = ['manual', 'alias', 'ingest', 'automation', 'runner', 'proxy', 'quota', 'otel'] as const;
export const OUTCOMES = ['success', 'partial', 'fail', 'abandoned', 'budget-exceeded', 'timed-out', 'crashed'] as const;

/** Agent ids end up in paths (state/<agent>/) and in CLI output. */
export const AGENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const AGENT_ID_RULE = 'expected letters, digits, ".", "_" or "-" (max 64, not starting with a symbol)';
/** Provider ids name files and columns: lower case, as `claude`, `codex`, `glm`, `claude+glm`, a failover portfolio's `claude>glm`. */
export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9._+>-]{0,31}$/;
/** `acct-` and 10 hex digits: what rows carry in `account` when a source could tell the account (account-fingerprint.ts). */
export const ACCOUNT_PATTERN = /^acct-[0-9a-f]{10}$/;
/** An arm's window id ends in its provider's id, a portfolio's `>` included. */
export const WINDOW_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:+>-]{0,127}$/;
export { isWindowOrProbe, makeProbeWindowId, parseProbeWindowId, type ProbePhase } from './probe-window-id.js';
export { inferSubagent } from './infer-subagent.js';
export { findExchangeAccount, findOtelAccount, fingerprintAccount } from './account-fingerprint.js';
export { MACHINE_PATTERN, readMachineId } from './machine-fingerprint.js';
export { readRowTokens, type RowTokens, type UsageFields } from './read-row-tokens.js';
export { findGoogleStatus } from './google-status.js';
export { findProfileAccount, PROFILE_ACCOUNTS } from './profile-accounts.js';
export {
  findProtocolKeyHeader,
  findProtocolAccount,
  findProtocolVendor,
  hasBarHeaders,
  KEY_HEADERS,
  type KeyHeader,
  PROTOCOLS,
  type ProtocolId,
  readPathModel,
} from './protocols.js';
export {
  findCcusageProvider,
  findModelProvider,
  findScreenFamily,
  findScreenProvider,
} from './find-provider-facts.js';
export {
  BUILT_IN_CATALOG,
  findProvider,
  listBackendPresets,
  listKnownProviderIds,
  listProviders,
  listProviderTiers,
  type ProviderCatalog,
} from './provider-catalog.js';
export {
  type BackendPreset,
  SEED_SEATS,
  findProfileLoginProtocol,
  findHeaderFamilyProvider,
  PROVIDERS,
  PROFILE_LOGINS,
  findLoginProtocol,
  type ProfileLogin,
  BACKEND_LOGIN_KINDS,
  type BackendLoginKind,
  QUOTA_KINDS,
  type QuotaKind,
  type ProviderDescriptor,
  type UserProvider,
} from './providers.js';
