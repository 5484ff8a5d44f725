// Where each provider's quota endpoint is (its kind's default, overridable for tests and gateways) and whose credential it reads.
import { QUOTA_KINDS, type QuotaKind } from '../parsers/quota/quota-reading.js';
import { findQuotaKind, type QuotaCredential } from './kinds/index.js';

export type { QuotaCredential, QuotaRequest } from './kinds/index.js';

export interface QuotaEndpoint {
  kind: QuotaKind;
  /** The full URL of the read. */
  url: string;
  /** The variable that set `url` (or would override it), for messages. */
  urlEnv: string;
}

/** The path of each endpoint, for a base URL such as the scripted server's. */
export const QUOTA_PATHS = Object.fromEntries(QUOTA_KINDS.map((kind) => [kind, findQuotaKind(kind).path])) as Readonly<
  Record<QuotaKind, string>
>;

/** TRACKER_QUOTA_URL_<KIND> first, then the provider's own server variable (Gemini's CODE_ASSIST_ENDPOINT), then the default. */
export function resolveQuotaEndpoint(kind: QuotaKind, env: NodeJS.ProcessEnv): QuotaEndpoint {
  const spec = findQuotaKind(kind);
  const urlEnv = `TRACKER_QUOTA_URL_${kind.toUpperCase()}`;
  const override = env[urlEnv];
  if (override !== undefined && override !== '') return { kind, url: override, urlEnv };
  const server = spec.serverEnv ? env[spec.serverEnv.name] : undefined;
  if (spec.serverEnv && server) return { kind, url: spec.serverEnv.buildUrl(server, env), urlEnv: spec.serverEnv.name };
  return { kind, url: spec.defaultUrl, urlEnv };
}

/** The user's credential for `kind`'s endpoint (null when none); a credential file that is there but wrong is an error naming it. */
export function loadQuotaCredential(kind: QuotaKind, env: NodeJS.ProcessEnv, now: Date = new Date()): QuotaCredential | null {
  return findQuotaKind(kind).loadCredential(env, now);
}

/** The login a quota credential belongs to (`acct-…`), where its kind can tell it (QuotaKindSpec.readAccount). */
export function findQuotaAccount(kind: QuotaKind, credential: QuotaCredential, env: NodeJS.ProcessEnv): string | null {
  return findQuotaKind(kind).readAccount?.(credential, env) ?? null;
}

/** The folders of the clients' own login files (Claude Code's, Codex's, Gemini CLI's), as `env` places them. */
export function listCredentialDirs(env: NodeJS.ProcessEnv): string[] {
  return QUOTA_KINDS.flatMap((kind) => {
    const locate = findQuotaKind(kind).credentialDir;
    return locate ? [locate(env)] : [];
  });
}

/** Where a user would put the credential, for the "no credentials" message. */
export function describeCredentialPlaces(kind: QuotaKind): string {
  return findQuotaKind(kind).places;
}
