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

export function nameBackendProvider(backend: string): string {
  return BACKEND_PROVIDERS.get(backend) ?? backend;
}
