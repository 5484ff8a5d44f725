// Which subscription a proxy back end's rows belong to: the bars and the usage tables both name providers this way.
import { PROVIDERS } from '../ledger/vocabulary/index.js';

/**
 * The proxy records the back end it sent a request to, not the subscription: a preset's rows belong to the provider
 * whose descriptor declares it (anthropic is Claude's API, openai and chatgpt Codex's); any other back end keeps its name.
 * A declared provider's one preset is named after it (cli/load-provider-catalog.ts), so the built-in providers' presets
 * are all that need a name changed, whatever the catalog: this reads the built-in list, not a default catalog.
 */
const BACKEND_PROVIDERS: ReadonlyMap<string, string> = new Map(
  PROVIDERS.flatMap((provider) => Object.keys(provider.backends).map((name) => [name, provider.id] as const)),
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
