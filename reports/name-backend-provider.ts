// Which subscription a proxy back end's rows belong to: the bars and the usage tables both name providers this way.
import { BUILT_IN_CATALOG, listBackendPresets } from '../ledger/vocabulary/index.js';

/**
 * The proxy records the back end it sent a request to, not the subscription: a preset's rows belong to the provider
 * whose descriptor declares it (anthropic is Claude's API, openai and chatgpt Codex's); any other back end keeps its name.
 * A declared provider's one preset is named after it, so the built-in presets are all that need a name changed.
 */
const BACKEND_PROVIDERS: ReadonlyMap<string, string> = new Map(
  listBackendPresets(BUILT_IN_CATALOG).map((entry) => [entry.name, entry.provider]),
);

/**
 * A failover chain's second account at a preset (`--failover anthropic,auth_env=CLAUDE_B_TOKEN`) is the back end
 * `anthropic.CLAUDE_B_TOKEN`: the preset's provider too, its rows kept apart by the account their key names.
 */
export function nameBackendProvider(backend: string): string {
  const own = BACKEND_PROVIDERS.get(backend);
  if (own !== undefined) return own;
  const dot = backend.indexOf('.');
  const preset = dot > 0 && ENV_NAME.test(backend.slice(dot + 1)) ? BACKEND_PROVIDERS.get(backend.slice(0, dot)) : undefined;
  return preset ?? backend;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
