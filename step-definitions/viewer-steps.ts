// Steps of the @browser specs: `experiment view` on the scenario's data dir, read in Debian's Chromium through playwright-core.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given, Then, When } from '@cucumber/cucumber';
import { type Browser, chromium, type Page } from 'playwright-core';
import { allowSkip } from '../kernel/index.js';
import { loadProviderCatalog } from '../cli/load-provider-catalog.js';
import { startViewer, type Viewer } from '../viewer/index.js';
import type { TrackerWorld } from './world.js';

const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/viewer');

export interface BrowserSession {
  browser: Browser;
  page: Page;
  viewer: Pick<Viewer, 'url' | 'stop'>;
  /** Main-frame navigations after the first load: a reload would add one. */
  navigations: number;
}
const sessions = new WeakMap<TrackerWorld, BrowserSession>();

export function sessionOf(world: TrackerWorld): BrowserSession {
  const session = sessions.get(world);
  assert.ok(session, 'the viewer is not open in this scenario');
  return session;
}

/** CHROMIUM_PATH, else Debian's package (`apt-get install chromium`, which .ci/run does). */
function locateChromium(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

Given('chromium works on this machine', function (this: TrackerWorld) {
  const path = locateChromium();
  const missing = allowSkip(existsSync(path) ? null : `no chromium at ${path} (set CHROMIUM_PATH, or apt-get install chromium)`);
  if (missing === null) return undefined;
  this.log(`skipped: ${missing}; .ci/run installs the Debian package chromium`);
  return 'skipped';
});

When('I open the viewer on the data dir at {string}', async function (this: TrackerWorld, route: string) {
  mkdirSync(this.dataDir, { recursive: true });
  // A quarter-second poll: the spec waits for changes, and a second each would only make it slower.
  const catalog = loadProviderCatalog(this.dataDir);
  const viewer = await startViewer({ dataDir: this.dataDir, catalog, host: '127.0.0.1', port: 0, pollMs: 250 });
  await openInChromium(this, viewer, route);
});

/** A fresh headless Chromium (Debian's). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: locateChromium(),
    headless: true,
    // Chromium refuses to start its sandbox as root (CI containers run as root): "Running as root without
    // --no-sandbox is not supported" (https://crbug.com/638180). The pages are our own, on loopback.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/**
 * What a failed scenario's page showed, on stderr for the CI log (the summary prints a log attachment's type, not its
 * text): a wait that timed out says only which element it missed.
 */
async function logPageText(world: TrackerWorld, page: Page): Promise<void> {
  const text = await page
    .locator('body')
    .innerText({ timeout: 5_000 })
    .catch((error: Error) => `(no text: ${error.message})`);
  const shown = `the page at ${page.url()} showed:\n${text.slice(0, 3_000)}`;
  world.log(shown);
  process.stderr.write(`${shown}\n`);
}

/**
 * Opens `viewer` (in this process or a child's) at `route` in a fresh headless Chromium, counting reloads from here;
 * `prepare` runs on the page before it loads (a route that holds a request back).
 */
export async function openInChromium(
  world: TrackerWorld,
  viewer: Pick<Viewer, 'url' | 'stop'>,
  route: string,
  prepare?: (page: Page) => Promise<void>,
): Promise<Page> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const session: BrowserSession = { browser, page, viewer, navigations: -1 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) session.navigations += 1;
  });
  page.on('pageerror', (error) => world.log(`page error: ${error.message}`));
  sessions.set(world, session);
  world.addStop(async (failed) => {
    if (failed) await logPageText(world, page);
    await browser.close();
    await viewer.stop();
  });
  await prepare?.(page);
  await page.goto(`${viewer.url}${route}`);
  return page;
}

Then("the page shows a plan's progress", async function (this: TrackerWorld) {
  const { page } = sessionOf(this);
  await page.getByTestId('run-progress').first().waitFor({ timeout: 60_000 });
});

Then('the progress changes without the page reloading', async function (this: TrackerWorld) {
  const { page } = sessionOf(this);
  const first = await page.getByTestId('run-progress').first().textContent();
  // Polled from here: the page's CSP (script-src 'self') refuses the string a waitForFunction would evaluate.
  const deadline = Date.now() + 90_000;
  while ((await page.getByTestId('run-progress').first().textContent()) === first) {
    assert.ok(Date.now() < deadline, `the progress stayed at "${first}" for 90 s`);
    await page.waitForTimeout(100);
  }
  const now = await page.getByTestId('run-progress').first().textContent();
  this.log(`progress went from "${first?.trim()}" to "${now?.trim()}"`);
  assert.equal(sessionOf(this).navigations, 0, 'the page navigated (reloaded) to show the change');
});

When('I sort the arms by {string} and open the first row with the keyboard', async function (this: TrackerWorld, column: string) {
  const { page } = sessionOf(this);
  await page.getByRole('button', { name: new RegExp(`^${column}`) }).click();
  await page.waitForSelector(`th[aria-sort] button:has-text("${column}")`);
  await page.locator('[data-testid=arms-table] tbody tr').first().focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=arm-summary]');
});

Then('the arm page lists the hidden tests, each with its verdict', async function (this: TrackerWorld) {
  const rows = sessionOf(this).page.locator('[data-testid=tests] tbody tr');
  await rows.first().waitFor();
  for (const text of await rows.allTextContents()) assert.match(text, /(pass|fail|skip|missing)$/);
});

Then('the arm page shows the diff with its added lines', async function (this: TrackerWorld) {
  await sessionOf(this).page.locator('[data-testid=diff] .add').first().waitFor();
});

Then('the arm page shows the turns with their responses and tokens', async function (this: TrackerWorld) {
  const turn = sessionOf(this).page.locator('[data-testid=transcript] .turn').first();
  await turn.waitFor();
  const text = String(await turn.textContent());
  assert.match(text, /tokens in [\d,]+/);
  assert.match(text, /response:/);
});

Then('I keep a screenshot {string}', async function (this: TrackerWorld, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await sessionOf(this).page.screenshot({ path, fullPage: false });
  this.log(`screenshot: ${path}`);
});
