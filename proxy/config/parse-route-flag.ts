// Reads the proxy's inline set-up flags: `--route 'MODEL_GLOB=TARGET[,model=NEW][,subagent=LABEL]'` and `--backend NAME=URL`.
import { AppError } from '../../kernel/index.js';
import type { ProviderCatalog } from '../../ledger/vocabulary/index.js';
import { findPreset } from './presets.js';
import type { BackendConfig, RouteConfig } from './proxy-config-schema.js';

/** TARGET is a preset name (anthropic, glm, openai, chatgpt), a back-end name from the config, or an http(s) URL. */
export function parseRouteFlag(value: string, index: number): RouteConfig {
  const where = `--route #${index + 1}`;
  const eq = value.indexOf('=');
  if (eq <= 0) throw new AppError('BAD_USAGE', `expected MODEL_GLOB=TARGET[,model=NEW_MODEL], got ${JSON.stringify(value)}`, { where });
  const model = value.slice(0, eq).trim();
  const [target, ...options] = value
    .slice(eq + 1)
    .split(',')
    .map((part) => part.trim());
  if (!target)
    throw new AppError('BAD_USAGE', `expected a target after "=" (a preset, back-end name or URL), got ${JSON.stringify(value)}`, {
      where,
    });
  const route: RouteConfig = { match: { model }, backend: target };
  for (const option of options) {
    const split = option.indexOf('=');
    const key = split < 0 ? option : option.slice(0, split).trim();
    const setting = split < 0 ? '' : option.slice(split + 1).trim();
    if (key === 'model' && setting) route.rewrite_model = setting;
    else if (key === 'subagent' && setting) route.subagent = setting;
    else
      throw new AppError('BAD_USAGE', `expected model=NEW_MODEL or subagent=LABEL after the target, got ${JSON.stringify(option)}`, {
        where,
      });
  }
  return route;
}

/**
 * Reads `--backend NAME=URL`: a named back end at a URL, with no preset's key. A preset's name keeps only
 * the preset's ledger provider, so `--backend glm=http://127.0.0.1:9100` records GLM's bars as `glm`.
 */
export function parseBackendFlag(catalog: ProviderCatalog, value: string, index: number): [string, BackendConfig] {
  const where = `--backend #${index + 1}`;
  const eq = value.indexOf('=');
  const name = value.slice(0, eq).trim();
  const url = value.slice(eq + 1).trim();
  if (eq <= 0 || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) || !/^https?:\/\//.test(url)) {
    throw new AppError('BAD_USAGE', `expected NAME=http(s)://HOST[:PORT][/PATH], got ${JSON.stringify(value)}`, { where });
  }
  const preset = findPreset(catalog, name);
  return [name, { url, ...(preset ? { provider: preset.provider } : {}) }];
}
