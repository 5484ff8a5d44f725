// Pieces several pages share: the day/week switch, and the error or loading line shown until the data arrives.
import { html, linkTo } from './html.js';

export function PeriodTabs({ page, by, tabs }: { page: string; by: string; tabs: ReadonlyArray<readonly [string, string]> }) {
  return html`<div class="tabs" role="group" aria-label="Period">
    ${tabs.map(
      ([
        period,
        label,
      ]) => html`<button type="button" aria-pressed=${by === period ? 'true' : 'false'} aria-selected=${by === period ? 'true' : 'false'}
        onClick=${() => (location.hash = linkTo(page, { by: period }))}>${label}</button>`,
    )}
  </div>`;
}

/** The request's error (one line from the server), or "Loading..." while there is no data and no error. */
export function LoadState({ error, loaded }: { error: string | null; loaded: boolean }) {
  if (error) return html`<p class="error" role="alert">${error}</p>`;
  return loaded ? null : html`<p class="muted">Loading...</p>`;
}

/**
 * `glm (sub-agents of sim-claude+glm)`: a routed sub-agent account, named where its bars or tokens show; a login
 * `claude@acct-… (you@example.com)` with the e-mail the API's `account_names` gives it (text, escaped as all text is).
 */
export function ProviderName({
  provider,
  routed,
  names,
}: {
  provider: string;
  routed: Record<string, string[]> | undefined;
  names?: Record<string, string> | undefined;
}) {
  const routers = routed?.[provider];
  const name = names?.[provider];
  const login = name ? html` <span class="muted" data-testid="login-name">(${name})</span>` : null;
  return routers && routers.length > 0
    ? html`${provider}${login} <span class="muted">(sub-agents of ${routers.join(', ')})</span>`
    : html`${provider}${login}`;
}

/** What a routed sub-agent account is, said once under a table that shows one ("glm" appeared unexplained). */
export function RoutedNote({ routed, shown }: { routed: Record<string, string[]> | undefined; shown: readonly string[] }) {
  const accounts = Object.keys(routed ?? {}).filter((account) => shown.includes(account));
  if (accounts.length === 0) return null;
  return html`${accounts.map((account) => {
    const routers = (routed as Record<string, string[]>)[account] ?? [];
    return html`<p class="muted" data-testid="routed-note">
      <strong>${account}</strong> is no provider of a plan: it is the account ${routers.join(' and ')} ${routers.length === 1 ? 'routes its' : 'route their'} sub-agent
      (haiku-tier) requests to. Its bars and tokens here are that routed share of ${routers.join(' and ')}'s work, which ${routers.length === 1 ? 'its' : 'their'}
      arms count too (as sub-agent capacity and dollars).
    </p>`;
  })}`;
}
