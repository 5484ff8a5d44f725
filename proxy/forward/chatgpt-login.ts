// The ChatGPT login a back end with `auth_login: "codex"` puts on what it forwards: read from Codex's own auth.json, kept in memory only.
import { statSync } from 'node:fs';
import { AppError } from '../../kernel/index.js';
import { locateCodexAuthFile, readCodexLogin } from '../../sources/quota/index.js';
import type { BackendLogin } from './backend-login.js';

/** What the ChatGPT back end identifies a login by: `Authorization: Bearer <token>` and `chatgpt-account-id`. */
export interface ChatgptCredentials {
  token: string;
  accountId: string;
}

/**
 * Codex keeps its ChatGPT login in `$CODEX_HOME/auth.json` (`tokens.access_token`, `tokens.account_id`:
 * codex-rs/login/src/auth/storage.rs AuthDotJson, token_data.rs TokenData) and rewrites that file when it refreshes
 * the token (manager.rs persist_tokens). The proxy never refreshes (a refresh rotates the refresh token, and the
 * user's own Codex would then hold a used one); it reads the file again whenever it changed, so the user's Codex
 * keeps the proxy's login fresh.
 */
export class ChatgptLogin implements BackendLogin {
  readonly file: string;
  /** The file as last read, with its token's expiry (decoded once per version of the file, not per request). */
  private cached: { stamp: string; login: ChatgptCredentials; expiresAt: number | null } | null = null;

  constructor(env: NodeJS.ProcessEnv) {
    this.file = locateCodexAuthFile(env);
  }

  /**
   * The login to send now. Throws an AppError naming the file (never its content) when there is none, when it has no
   * account id, or when its access token has expired (a JWT's `exp`, the test Codex itself uses: manager.rs
   * is_stale_for_proactive_refresh): the back end would refuse it.
   */
  read(nowMs: number): ChatgptCredentials {
    const stamp = this.stampFile();
    if (this.cached?.stamp !== stamp) {
      const login = this.load();
      this.cached = { stamp, login, expiresAt: readJwtExpiry(login.token) };
    }
    const { expiresAt } = this.cached;
    if (expiresAt !== null && expiresAt <= nowMs)
      throw new AppError(
        'BAD_INPUT',
        `the ChatGPT login's access token expired ${describeExpiry(expiresAt)}: run codex once (it refreshes its own login) or \`codex login\`, then try again`,
        { where: this.file, kind: 'chatgpt-login' },
      );
    return this.cached.login;
  }

  /** The two headers the ChatGPT back end identifies a login by (codex-rs/codex-api/src/auth.rs: bearer and ChatGPT-Account-ID). */
  readHeaders(nowMs: number): { headers: Record<string, string>; secrets: string[] } {
    const { token, accountId } = this.read(nowMs);
    return { headers: { authorization: `Bearer ${token}`, 'chatgpt-account-id': accountId }, secrets: [token, accountId] };
  }

  private stampFile(): string {
    try {
      const stat = statSync(this.file);
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch (error) {
      throw this.missing((error as NodeJS.ErrnoException).code ?? 'unreadable');
    }
  }

  private load(): ChatgptCredentials {
    const credential = readCodexLogin(this.file);
    if (!credential) throw this.missing('ENOENT');
    if (!credential.accountId)
      throw new AppError('BAD_INPUT', 'has no tokens.account_id (log in with ChatGPT: `codex login`)', {
        where: this.file,
        kind: 'chatgpt-login',
      });
    return { token: credential.secret, accountId: credential.accountId };
  }

  private missing(code: string): AppError {
    return new AppError('NOT_FOUND', `no ChatGPT login to send (${code}): log in with \`codex login\` (ChatGPT) first`, {
      where: this.file,
      kind: 'chatgpt-login',
    });
  }
}

/**
 * When the token expired, in words: an `exp` outside what a date can hold (a forged -1e15 made toISOString throw, and
 * the proxy answer 500 "internal error" instead of the 401 naming the file) says so instead.
 */
function describeExpiry(expiresAt: number): string {
  const date = new Date(expiresAt);
  return Number.isNaN(date.getTime()) ? `(its exp, ${expiresAt / 1000}, is no date)` : `at ${date.toISOString()}`;
}

/** A JWT's `exp` in epoch milliseconds; null for a token that is not a JWT or has no numeric exp. */
export function readJwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
