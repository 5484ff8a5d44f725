// Pieces several pages share: the day/week switch, and the error or loading line shown until the data arrives.
import { html, linkTo } from './html.js';

export function PeriodTabs({ page, by, labels }: { page: string; by: 'day' | 'week'; labels: [string, string] }) {
  return html`<div class="tabs" role="group" aria-label="Period">
    ${(['day', 'week'] as const).map(
      (
        period,
        index,
      ) => html`<button type="button" aria-pressed=${by === period ? 'true' : 'false'} aria-selected=${by === period ? 'true' : 'false'}
        onClick=${() => (location.hash = linkTo(page, { by: period }))}>${labels[index]}</button>`,
    )}
  </div>`;
}

/** The request's error (one line from the server), or "Loading..." while there is no data and no error. */
export function LoadState({ error, loaded }: { error: string | null; loaded: boolean }) {
  if (error) return html`<p class="error" role="alert">${error}</p>`;
  return loaded ? null : html`<p class="muted">Loading...</p>`;
}
