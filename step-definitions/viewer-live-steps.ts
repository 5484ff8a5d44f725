// Steps of the viewer's live updates in Chromium: an event stream held back, and how often a page asked for its data.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { When, Then } from '@cucumber/cucumber';
import type { Page } from 'playwright-core';
import { loadProviderCatalog } from '../cli/load-provider-catalog.js';
import { startViewer, type Viewer } from '../viewer/index.js';
import { openInChromium } from './viewer-steps.js';
import type { TrackerWorld } from './world.js';

const reportAsks = new WeakMap<TrackerWorld, { count: number; early: number }>();

/** Waits until the viewer answers with a built report (asked from here, with its token). */
async function waitForBuiltReport(viewer: Viewer): Promise<void> {
  const url = new URL(viewer.url);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = (await (await fetch(`${url.origin}/api/report`, { headers: { 'x-tracker-auth': viewer.token } })).json()) as {
      computing: boolean;
      reports: unknown[];
    };
    if (!answer.computing && answer.reports.length > 0) return;
    assert.ok(Date.now() < deadline, 'the viewer built no report within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Holds the page's event stream back `lateMs`; counts its report requests, answering "computing" to those made before. */
async function holdStream(world: TrackerWorld, page: Page, lateMs: number, computingUntilOpen: boolean): Promise<void> {
  const asks = { count: 0, early: 0 };
  reportAsks.set(world, asks);
  let open = false;
  await page.route('**/api/events', async (request) => {
    await new Promise((resolve) => setTimeout(resolve, lateMs));
    open = true;
    await request.continue();
  });
  await page.route('**/api/report', (request) => {
    asks.count += 1;
    if (!open) asks.early += 1;
    return open || !computingUntilOpen ? request.continue() : request.fulfill({ json: { generation: 1, computing: true, reports: [] } });
  });
}

/**
 * Both cases wait for the server's own report first: a server still computing when the stream opens sends its
 * "computed" event to the page, one more ask than the case counts (CI at c095cd6: 4 asks under load 7).
 */
async function openLate(world: TrackerWorld, route: string, lateMs: number, race: boolean): Promise<void> {
  mkdirSync(world.dataDir, { recursive: true });
  const catalog = loadProviderCatalog(world.dataDir);
  const viewer = await startViewer({ dataDir: world.dataDir, catalog, host: '127.0.0.1', port: 0, pollMs: 250 });
  await waitForBuiltReport(viewer);
  await openInChromium(world, viewer, route, (page) => holdStream(world, page, lateMs, race));
}

/**
 * The race of a busy machine, made certain: the page's event stream opens `lateMs` late, and a report asked for before
 * it opened is answered as the server answers while it computes. The server's own "computed" event went out before,
 * to no page (the report was built before the page opened).
 */
When(
  'I open the viewer on the data dir at {string}, its event stream opening {int} ms late and the report computing until then',
  async function (this: TrackerWorld, route: string, lateMs: number) {
    await openLate(this, route, lateMs, true);
  },
);

When(
  'I open the viewer on the data dir at {string} once it has built the report, its event stream opening {int} ms late',
  async function (this: TrackerWorld, route: string, lateMs: number) {
    await openLate(this, route, lateMs, false);
  },
);

Then('the page asked for the report {int} time(s)', function (this: TrackerWorld, count: number) {
  assert.equal(reportAsks.get(this)?.count, count, 'requests to /api/report');
});

Then('it asked none of them before its event stream opened', function (this: TrackerWorld) {
  assert.equal(reportAsks.get(this)?.early, 0, 'requests to /api/report before the event stream opened');
});
