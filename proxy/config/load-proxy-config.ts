// Reads and validates a proxy config file; every error names the file and the bad key.
import { AppError } from '../../kernel/index.js';
import { readBoundedFile } from '../../ledger/index.js';
import { locateJsonError } from '../../sources/index.js';
import { ProxyConfigSchema, type ProxyConfig } from './proxy-config-schema.js';

const SECRET_KEYS = /^(api[_-]?key|key|token|secret|password|authorization|x-api-key)$/i;

export function loadProxyConfig(path: string): ProxyConfig {
  const text = readBoundedFile(path, { what: 'a proxy config', maxBytes: 4 * 1024 * 1024 });
  if (text === null) throw new AppError('NOT_FOUND', 'cannot read the proxy config: ENOENT', { where: path });
  return parseProxyConfig(text, path);
}

export function parseProxyConfig(text: string, name: string): ProxyConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    throw new AppError('BAD_INPUT', `expected JSON${at ? `, ${at.message} at line ${at.line} column ${at.column}` : ''}`, { where: name });
  }
  const secret = findSecretKey(value, []);
  if (secret) {
    // Worded so the secret redactor (which hides what follows "api_key:") leaves the line readable.
    throw new AppError(
      'BAD_INPUT',
      `found a key written at ${secret}; keys never go in the file, so put it in an environment variable and give its name as auth_env`,
      { where: name },
    );
  }
  const parsed = ProxyConfigSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path =
      issue?.path
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
        .join('')
        .replace(/^\./, '') || '(top level)';
    throw new AppError('BAD_INPUT', `${path}: ${issue?.message ?? 'invalid'}`, { where: name });
  }
  return parsed.data;
}

/** The path of the first key that looks like a credential, so the error can say where it is. */
function findSecretKey(value: unknown, path: string[]): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_KEYS.test(key) && typeof inner === 'string') return [...path, key].join('.');
    const found = findSecretKey(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}
