// What tracker must know of one provider's quota endpoint: where it is, whose credential, how it is asked and read.
import type { ParseResult } from '../../parsers/parse-result.js';
import type { ParsedQuota, QuotaKind } from '../../parsers/quota/quota-reading.js';

/** The credential a quota read sends; `secret` is never written, logged or put in an error line. */
export interface QuotaCredential {
  secret: string;
  /** Codex's ChatGPT account id (not a secret, but sent as its own header). */
  accountId?: string;
  /** Gemini's Google Cloud project (GOOGLE_CLOUD_PROJECT); without it the read asks Code Assist which one. */
  project?: string;
  /** Where it was read from, for messages: an environment variable's name or a file's path. */
  from: string;
}

/** A quota read as fetch() takes it: each provider's own way of sending the credential (and a body where it POSTs). */
export interface QuotaRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** One provider's quota endpoint (sources/quota/kinds/<id>.ts); the registry is kinds/index.ts. */
export interface QuotaKindSpec {
  id: QuotaKind;
  /** The full URL of the read; TRACKER_QUOTA_URL_<ID> overrides it. */
  defaultUrl: string;
  /** The path of the endpoint, for a base URL such as the scripted server's. */
  path: string;
  /** The provider's own variable that moves its server (after TRACKER_QUOTA_URL_<ID>), and the URL it makes. */
  serverEnv?: { name: string; buildUrl: (value: string, env: NodeJS.ProcessEnv) => string };
  /** Where a user would put the credential, for the "no credentials" message. */
  places: string;
  /** The folder of the client's own login file, which no sandboxed agent may read (runner/isolation hides it). */
  credentialDir?: (env: NodeJS.ProcessEnv) => string;
  /** Null when the user has none; a file that exists but cannot be read as expected is an error naming the file. */
  loadCredential: (env: NodeJS.ProcessEnv, now: Date) => QuotaCredential | null;
  buildRequest: (credential: QuotaCredential) => QuotaRequest;
  /**
   * The login the credential belongs to, named as the proxy and the status line name it (`acct-…`), where it can be
   * told: a reading without its account is set aside where a provider has two logins. Null when it cannot.
   */
  readAccount?: (credential: QuotaCredential, env: NodeJS.ProcessEnv) => string | null;
  /** A first request whose answer completes the credential (Gemini's project), when `needed` says so. */
  prepare?: QuotaPreparation;
  /** What refreshes the login when the refusal is the vendor's own "expired" answer (a 401 with its body); null otherwise. */
  describeExpiry?: (status: number, body: string | null, credential: QuotaCredential) => string | null;
  /** The parenthesised hint after `HTTP <status>` ('' for none). */
  describeRefusal?: (status: number, body: string | null, headers: Headers, credential: QuotaCredential) => string;
  /** The answer's bars; `at` is when it arrived (a reset may be sent as seconds from now); `model` picks a per-model bar. */
  parse: (text: string, at: Date, model?: string) => ParseResult<ParsedQuota>;
}

export interface QuotaPreparation {
  needed: (credential: QuotaCredential) => boolean;
  url: (quotaUrl: string) => string;
  request: (credential: QuotaCredential) => QuotaRequest;
  /** The credential completed from the answer; null when the answer gives nothing (then `missing` is the error). */
  complete: (credential: QuotaCredential, body: string) => QuotaCredential | null;
  missing: string;
  /** The plan the first answer names (Code Assist's tier), where the quota answer names none; null when it names none. */
  plan?: (body: string) => string | null;
}

/** The headers every read sends. */
export const BASE_HEADERS: Readonly<Record<string, string>> = { accept: 'application/json', 'user-agent': 'agent-tracker' };
