// Finds a provider's credential for its quota endpoint: environment first, then the client's own credential file.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError, escapeControls } from '../../kernel/index.js';
import type { QuotaCredential } from './quota-endpoints.js';
import type { QuotaKind } from '../parsers/quota/quota-reading.js';

/**
 * Claude: CLAUDE_CODE_OAUTH_TOKEN, else `claudeAiOauth.accessToken` in $CLAUDE_CONFIG_DIR/.credentials.json
 * or ~/.claude/.credentials.json (where Claude Code keeps its login on Linux). Codex: `tokens.access_token`
 * and `tokens.account_id` in $CODEX_HOME/auth.json (default ~/.codex). GLM: ZAI_API_KEY.
 * Null when the user has none; a file that exists but cannot be read as expected is an error naming the file.
 */
export function loadQuotaCredential(kind: QuotaKind, env: NodeJS.ProcessEnv): QuotaCredential | null {
  if (kind === 'claude') {
    if (env.CLAUDE_CODE_OAUTH_TOKEN) return { secret: env.CLAUDE_CODE_OAUTH_TOKEN, from: 'CLAUDE_CODE_OAUTH_TOKEN' };
    const file = join(env.CLAUDE_CONFIG_DIR || join(env.HOME || homedir(), '.claude'), '.credentials.json');
    const json = readCredentialFile(file);
    if (json === null) return null;
    const token = readPath(json, ['claudeAiOauth', 'accessToken']);
    if (typeof token !== 'string' || token === '')
      throw new AppError('BAD_INPUT', 'has no claudeAiOauth.accessToken (log in with `claude` first)', { where: file });
    // Claude Code writes the login's scopes beside it; the usage endpoint refuses one without user:profile
    // (describe-refusal.ts), so say so before asking. A file without the list is asked anyway.
    const scopes = readPath(json, ['claudeAiOauth', 'scopes']);
    if (Array.isArray(scopes) && !scopes.includes('user:profile'))
      throw new AppError(
        'BAD_INPUT',
        `holds a login with the scopes ${escapeControls(JSON.stringify(scopes.filter((scope) => typeof scope === 'string')))} but not user:profile, which the usage endpoint needs: log in with \`claude\` (/login)`,
        { where: file, kind: 'quota-scope' },
      );
    return { secret: token, from: file };
  }
  if (kind === 'codex') {
    return readCodexLogin(locateCodexAuthFile(env));
  }
  if (env.ZAI_API_KEY) return { secret: env.ZAI_API_KEY, from: 'ZAI_API_KEY' };
  return null;
}

/** Codex's ChatGPT login in `file` (its auth.json): null when there is no such file, an error naming it when it has no token. */
export function readCodexLogin(file: string): QuotaCredential | null {
  const json = readCredentialFile(file);
  if (json === null) return null;
  const token = readPath(json, ['tokens', 'access_token']);
  const account = readPath(json, ['tokens', 'account_id']);
  if (typeof token !== 'string' || token === '')
    throw new AppError('BAD_INPUT', 'has no tokens.access_token (an API-key login has no ChatGPT bars; log in with ChatGPT)', {
      where: file,
    });
  return { secret: token, ...(typeof account === 'string' && account !== '' ? { accountId: account } : {}), from: file };
}

/** Where Codex keeps its login: `$CODEX_HOME/auth.json`, CODEX_HOME defaulting to ~/.codex (codex-rs/login/src/auth/storage.rs, get_auth_file). */
export function locateCodexAuthFile(env: NodeJS.ProcessEnv): string {
  return join(env.CODEX_HOME || join(env.HOME || homedir(), '.codex'), 'auth.json');
}

/** Where a user would put the credential, for the "no credentials" message. */
export function describeCredentialPlaces(kind: QuotaKind): string {
  if (kind === 'claude') return 'CLAUDE_CODE_OAUTH_TOKEN, $CLAUDE_CONFIG_DIR/.credentials.json or ~/.claude/.credentials.json';
  if (kind === 'codex') return '$CODEX_HOME/auth.json or ~/.codex/auth.json (ChatGPT login)';
  return 'ZAI_API_KEY';
}

/** A credential file is a few kilobytes (Codex's auth.json about 4 KB); more is not one. */
const MAX_CREDENTIAL_BYTES = 1024 * 1024;

/**
 * The file's JSON, read only when it is a regular file of at most MAX_CREDENTIAL_BYTES, opened without blocking: a
 * FIFO in its place blocked the proxy's event loop for good and a link to /dev/zero grew it past 2 GB (issue 50,
 * item 6). Null when there is no such file.
 */
function readCredentialFile(file: string): unknown {
  let text: string;
  let fd: number | null = null;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new AppError('BAD_INPUT', 'is not a regular file (a credential file is one)', { where: file });
    if (stat.size > MAX_CREDENTIAL_BYTES)
      throw new AppError('BAD_INPUT', `is ${stat.size} bytes, more than a credential file's ${MAX_CREDENTIAL_BYTES}`, { where: file });
    const buffer = Buffer.alloc(stat.size);
    const read = readSync(fd, buffer, 0, stat.size, 0);
    text = buffer.subarray(0, read).toString('utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('IO', `cannot read the credential file: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { where: file });
  } finally {
    if (fd !== null) closeSync(fd);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Never echo the content: it is a credential file.
    throw new AppError('BAD_INPUT', 'is not JSON', { where: file });
  }
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
