// The viewer's shell: the navigation, the live-update status, and the page the address (#/runs, #/arms, ...) names.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ArmPage } from './arm-page.js';
import { ArmsPage } from './arms-page.js';
import { BarsPage } from './bars-page.js';
import { html, readRoute } from './html.js';
import { LimitsPage } from './limits-page.js';
import { LiveProvider, useLiveEvents } from './live.js';
import { ReportPage } from './report-page.js';
import { RunsPage } from './runs-page.js';
import { UsagePage } from './usage-page.js';

const PAGES = [
  { id: 'runs', label: 'Runs' },
  { id: 'arms', label: 'Arms' },
  { id: 'report', label: 'Report' },
  { id: 'bars', label: 'Bars' },
  { id: 'usage', label: 'Usage' },
  { id: 'limits', label: 'Limit changes' },
];

function App() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onHash = (): void => setHash(location.hash);
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const live = useLiveEvents();
  const route = readRoute(hash);
  const current = route.page === 'arm' ? 'arms' : route.page;
  useEffect(() => {
    document.title = `${PAGES.find((page) => page.id === current)?.label ?? 'Viewer'} - agent-tracker`;
  }, [current]);
  const page =
    route.page === 'arms'
      ? html`<${ArmsPage} params=${route.params} />`
      : route.page === 'arm'
        ? html`<${ArmPage} windowId=${route.rest[0] ?? ''} />`
        : route.page === 'report'
          ? html`<${ReportPage} params=${route.params} />`
          : route.page === 'bars'
            ? html`<${BarsPage} params=${route.params} />`
            : route.page === 'usage'
              ? html`<${UsagePage} params=${route.params} />`
              : route.page === 'limits'
                ? html`<${LimitsPage} params=${route.params} />`
                : html`<${RunsPage} />`;
  return html`
    <${LiveProvider} tick=${live.tick}>
      <header class="top">
        <span class="brand">agent-tracker</span>
        <nav aria-label="Pages">
          ${PAGES.map((item) => html`<a href=${`#/${item.id}`} aria-current=${item.id === current ? 'page' : undefined}>${item.label}</a>`)}
        </nav>
        <span class="live" role="status" data-testid="live-status">
          ${live.connected ? `live: following the ledger (change ${live.generation ?? '-'})` : 'connecting to the ledger...'}
        </span>
      </header>
      <main id="main">${page}</main>
    <//>
  `;
}

const root = document.getElementById('app') as HTMLElement;
// The static "Loading" line goes: preact 11 renders beside what the container holds instead of over it.
root.textContent = '';
render(html`<${App} />`, root);
