// Where each provider's quota endpoint is, and how its credential is sent (the URLs overridable for tests and gateways).
import type { QuotaKind } from '../parsers/quota/quota-reading.js';

export interface QuotaEndpoint {
  kind: QuotaKind;
  /** The full URL of the GET. */
  url: string;
  /** The variable that overrides `url`. */
  urlEnv: string;
}

const DEFAULT_URLS: Record<QuotaKind, string> = {
  claude: 'https://api.anthropic.com/api/oauth/usage',
  codex: 'https://chatgpt.com/backend-api/wham/usage',
  // The China platform serves the same path at https://open.bigmodel.cn: set TRACKER_QUOTA_URL_GLM.
  glm: 'https://api.z.ai/api/monitor/usage/quota/limit',
};

/** The path of each endpoint, for a base URL such as the scripted server's. */
export const QUOTA_PATHS: Record<QuotaKind, string> = {
  claude: '/api/oauth/usage',
  codex: '/backend-api/wham/usage',
  glm: '/api/monitor/usage/quota/limit',
};

export function resolveQuotaEndpoint(kind: QuotaKind, env: NodeJS.ProcessEnv): QuotaEndpoint {
  const urlEnv = `TRACKER_QUOTA_URL_${kind.toUpperCase()}`;
  const override = env[urlEnv];
  return { kind, url: override !== undefined && override !== '' ? override : DEFAULT_URLS[kind], urlEnv };
}

/** The credential a quota GET sends; `secret` is never written, logged or put in an error line. */
export interface QuotaCredential {
  secret: string;
  /** Codex's ChatGPT account id (not a secret, but sent as its own header). */
  accountId?: string;
  /** Where it was read from, for messages: an environment variable's name or a file's path. */
  from: string;
}

/** The request headers of a quota GET: each provider's own way of sending the credential. */
export function buildQuotaHeaders(kind: QuotaKind, credential: QuotaCredential): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'agent-tracker' };
  if (kind === 'claude') return { ...headers, authorization: `Bearer ${credential.secret}`, 'anthropic-beta': 'oauth-2025-04-20' };
  if (kind === 'codex')
    return {
      ...headers,
      authorization: `Bearer ${credential.secret}`,
      ...(credential.accountId ? { 'chatgpt-account-id': credential.accountId } : {}),
    };
  // Z.ai takes the raw key, with no scheme (its console and community monitors send it so).
  return { ...headers, authorization: credential.secret };
}
