// The ChatGPT login a sandboxed Codex gets: auth.json in its real shape holding placeholders, while the proxy holds the real login.

/** What the placeholder login names as its account (the proxy replaces it with the real one before forwarding). */
export const PLACEHOLDER_ACCOUNT_ID = 'agent-tracker-placeholder-account';
/** About ten years: the placeholder never expires during a run, so Codex never tries to refresh it. */
const PLACEHOLDER_LIFETIME_S = 10 * 365 * 86400;

/** An unsigned JWT: Codex decodes the claims and never checks a signature (codex-rs/login/src/token_data.rs decode_jwt_payload). */
function buildUnsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.${part('agent-tracker placeholder')}`;
}

/**
 * The auth.json text. Its shape is Codex's (codex-rs/login/src/auth/storage.rs AuthDotJson: `OPENAI_API_KEY`, `tokens`,
 * `last_refresh`; token_data.rs TokenData: `id_token` a JWT whose `https://api.openai.com/auth` claim carries
 * `chatgpt_account_id`, `access_token`, `refresh_token`, `account_id`). With no API key and no `auth_mode` Codex
 * resolves it to a ChatGPT login (manager.rs AuthDotJson::resolved_mode) and sends `Authorization: Bearer
 * <access_token>` and `chatgpt-account-id: <account_id>`. Codex refreshes only a login whose access token's `exp`
 * has passed, or, for a token without `exp`, one whose `last_refresh` is 8 days old (manager.rs
 * is_stale_for_proactive_refresh, TOKEN_REFRESH_INTERVAL), or after a 401: with a far `exp` and `last_refresh` now it
 * makes no refresh call, offline or not. Nothing in it is a secret.
 */
export function buildPlaceholderAuthJson(now: Date): string {
  const issued = Math.floor(now.getTime() / 1000);
  const auth = { chatgpt_account_id: PLACEHOLDER_ACCOUNT_ID };
  const tokens = {
    id_token: buildUnsignedJwt({ email: 'placeholder@agent-tracker.invalid', iat: issued, 'https://api.openai.com/auth': auth }),
    access_token: buildUnsignedJwt({ iat: issued, exp: issued + PLACEHOLDER_LIFETIME_S, 'https://api.openai.com/auth': auth }),
    refresh_token: 'agent-tracker-placeholder-refresh-token',
    account_id: PLACEHOLDER_ACCOUNT_ID,
  };
  return `${JSON.stringify({ OPENAI_API_KEY: null, tokens, last_refresh: now.toISOString() }, null, 2)}\n`;
}
