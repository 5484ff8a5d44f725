// Steps of the viewer over a PostgreSQL team ledger: the real `experiment view --ledger URL` on a data dir of its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import type { Page } from 'playwright-core';
import { backgroundRunOf } from './experiment-steps.js';
import { openInChromium, sessionOf } from './viewer-steps.js';
import { startViewerProcess } from './viewer-process.js';
import type { TrackerWorld } from './world.js';

/** Polls `read` (CSP refuses waitForFunction's strings) until `done` holds; fails after `seconds` naming the last value. */
async function pollPage<T>(page: Page, what: string, read: () => Promise<T>, done: (value: T) => boolean, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    assert.ok(Date.now() < deadline, `${what}: still ${JSON.stringify(value)} after ${seconds} s`);
    await page.waitForTimeout(100);
  }
}

/** Window ids of the team ledger, read through the scenario's own data dir (its local copy of the database). */
function readWindowIds(world: TrackerWorld): string[] {
  return readFileSync(world.ledgerFile('windows.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"kind":"window"'))
    .map((line) => (JSON.parse(line) as { window_id: string }).window_id);
}

When(
  'a teammate runs "experiment view --ledger" on the database from a data dir of their own, and opens it at {string}',
  async function (this: TrackerWorld, route: string) {
    assert.ok(this.ledgerUrl, 'this scenario has no PostgreSQL ledger (tag it @postgres)');
    // Another machine: a data dir not created yet and no TRACKER_LEDGER_URL, so everything shown comes through --ledger.
    const dataDir = join(this.workDir, 'teammate');
    const env: NodeJS.ProcessEnv = { ...process.env, TRACKER_DATA_DIR: dataDir, TZ: 'UTC' };
    delete env.TRACKER_LEDGER_URL;
    const viewer = await startViewerProcess(this, ['--ledger', this.ledgerUrl], env);
    await openInChromium(this, viewer, route);
  },
);

Then(
  'the Runs page shows {int} plan(s), the first with the verdict {string}',
  async function (this: TrackerWorld, plans: number, verdict: string) {
    const { page } = sessionOf(this);
    const cards = page.getByTestId('run-card');
    await pollPage(
      page,
      'plans shown',
      () => cards.count(),
      (n) => n === plans,
    );
    const text = String(await cards.first().getByTestId('verdict').textContent({ timeout: 60_000 }));
    this.log(`verdict: ${text.slice(0, 300)}`);
    assert.ok(text.includes(verdict), `the verdict does not say "${verdict}": ${text.slice(0, 300)}`);
  },
);

Then('the Arms table lists every window of the team ledger', async function (this: TrackerWorld) {
  const { page } = sessionOf(this);
  const ids = readWindowIds(this).sort();
  assert.ok(ids.length > 0, 'the ledger holds no window');
  const rows = page.locator('[data-testid=arms-table] tbody tr');
  const shown = await pollPage(
    page,
    'arms listed',
    async () => (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-window') ?? ''))).sort(),
    (listed) => listed.length === ids.length,
  );
  assert.deepEqual(shown, ids);
});

When('I open the first arm with the keyboard', async function (this: TrackerWorld) {
  const { page } = sessionOf(this);
  await page.locator('[data-testid=arms-table] tbody tr').first().focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('arm-summary').waitFor({ timeout: 30_000 });
});

Then("the arm page shows that arm's window row", async function (this: TrackerWorld) {
  const { page } = sessionOf(this);
  const row = String(await page.getByTestId('window-row').textContent({ timeout: 30_000 }));
  const id = (JSON.parse(row) as { window_id?: string }).window_id;
  assert.ok(id && readWindowIds(this).includes(id), `the window row shown is not one of the ledger's: ${row.slice(0, 200)}`);
});

Then(
  'a second plan appears on the Runs page without a reload, and its progress reaches all arms done',
  async function (this: TrackerWorld) {
    const session = sessionOf(this);
    const { page } = session;
    // Counted from here: the earlier steps moved between pages (hash changes, which Playwright counts as navigations).
    const navigations = session.navigations;
    const started = Date.now();
    await pollPage(
      page,
      'plans shown',
      () => page.getByTestId('run-card').count(),
      (n) => n === 2,
    );
    this.log(`the second plan showed ${Date.now() - started} ms after the step began`);
    const run = backgroundRunOf(this);
    assert.ok(run, 'no background run');
    const result = await run;
    assert.equal(result.exitCode, 0, `the background run failed:\n${String(result.stderr)}`);
    const ended = Date.now();
    const progress = page.getByTestId('run-progress').nth(1);
    const text = await pollPage(
      page,
      "the second plan's progress",
      async () => String(await progress.textContent()).trim(),
      (shown) => /^(\d+)\/\1 done$/.test(shown),
    );
    this.log(`the second plan showed "${text}" ${Date.now() - ended} ms after its run ended`);
    assert.equal(session.navigations, navigations, 'the page navigated (reloaded) to show the change');
  },
);
