// Reads `--failover TARGET[,model=NEW][,auth_env=VAR][,auth_header=H]`: one back end of the default back end's chain.
import { AppError } from '../../kernel/index.js';
import { KEY_HEADERS, type KeyHeader, type ProviderCatalog } from '../../ledger/vocabulary/index.js';
import { findPreset } from './presets.js';
import type { BackendConfig, FailoverEntry } from './proxy-config-schema.js';

export interface FailoverFlag {
  entry: FailoverEntry;
  /** A back end the flag declares (a URL, or a preset or declared back end with another credential), by name. */
  backend: [string, BackendConfig] | null;
}

/**
 * TARGET is a preset, a config back end or an http(s) URL. `auth_env=VAR` gives it its own credential (a second
 * account's token at the `anthropic` preset, say): the back end is then named `TARGET.VAR`, so rows tell them apart.
 */
export function parseFailoverFlag(
  value: string,
  index: number,
  declared: Readonly<Record<string, BackendConfig>>,
  catalog: ProviderCatalog,
): FailoverFlag {
  const where = `--failover #${index + 1}`;
  const [target, ...options] = value.split(',').map((part) => part.trim());
  if (!target) throw new AppError('BAD_USAGE', `expected TARGET[,model=NEW_MODEL][,auth_env=VAR], got ${JSON.stringify(value)}`, { where });
  const entry: FailoverEntry = { backend: target };
  let authEnv: string | null = null;
  let authHeader: KeyHeader | null = null;
  for (const option of options) {
    const split = option.indexOf('=');
    const key = split < 0 ? option : option.slice(0, split).trim();
    const setting = split < 0 ? '' : option.slice(split + 1).trim();
    if (key === 'model' && setting) entry.rewrite_model = setting;
    else if (key === 'auth_env' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(setting)) authEnv = setting;
    else if (key === 'auth_header' && (KEY_HEADERS as readonly string[]).includes(setting)) authHeader = setting as KeyHeader;
    else
      throw new AppError(
        'BAD_USAGE',
        `expected model=NEW_MODEL, auth_env=VARIABLE or auth_header=${KEY_HEADERS.join('|')} after the target, got ${JSON.stringify(option)}`,
        { where },
      );
  }
  const isUrl = /^https?:\/\//.test(target);
  if (authEnv === null && authHeader === null && !isUrl) return { entry, backend: null };
  const base: BackendConfig | null =
    declared[target] ?? (findPreset(catalog, target) ? { preset: target } : isUrl ? { url: target } : null);
  if (base === null)
    throw new AppError('BAD_USAGE', `expected a preset, a config back end or an http(s) URL, got ${JSON.stringify(target)}`, { where });
  const auth: BackendConfig = { ...(authEnv ? { auth_env: authEnv } : {}), ...(authHeader ? { auth_header: authHeader } : {}) };
  const name = `${isUrl ? nameUrl(target) : target}${authEnv ? `.${authEnv}` : ''}`;
  entry.backend = name;
  return { entry, backend: [name, { ...base, ...auth }] };
}

/** Named by where it points, as a route's URL target is (build-routing-table.ts). */
function nameUrl(target: string): string {
  try {
    const url = new URL(target);
    return url.host + url.pathname.replace(/\/+$/, '');
  } catch {
    return target;
  }
}
