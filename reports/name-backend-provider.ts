// Which subscription a proxy back end's rows belong to: the bars and the usage tables both name providers this way.

/**
 * The proxy records the back end it sent a request to, not the subscription: these are the subscriptions the
 * presets reach (proxy/config/presets.ts: anthropic is Claude's API, openai Codex's); any other back end keeps its name.
 */
const BACKEND_PROVIDERS: Record<string, string> = { anthropic: 'claude', openai: 'codex' };

export function nameBackendProvider(backend: string): string {
  return BACKEND_PROVIDERS[backend] ?? backend;
}
