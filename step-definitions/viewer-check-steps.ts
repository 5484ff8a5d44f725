// Steps of the @browser specs that check the pages: evidence to show, the report's charts, keyboard use and contrast.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Given, Then, When } from '@cucumber/cucumber';
import { appendTurnRecord, resolveEvidenceDir, writeDiffPatch, writeTestLog, writeTestsEvidence } from '../ledger/evidence/index.js';
import { measureContrast } from './measure-contrast.js';
import { sessionOf } from './viewer-steps.js';
import type { TrackerWorld } from './world.js';

/** Which control has the focus, and whether its ring shows (run in the page: no DOM types here). */
const DESCRIBE_FOCUS = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const kind = element.matches('nav a') ? 'link' : element.matches('input[type=search]') ? 'filter'
    : element.matches('th button') ? 'sort' : element.matches('tr[tabindex]') ? 'row' : 'other';
  return { kind, ring: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2 };
})()`;

Given(
  'every arm has evidence: a transcript, a diff and test results \\(written here when the run wrote none)',
  function (this: TrackerWorld) {
    const windows = readFileSync(this.ledgerFile('windows.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"kind":"window"'))
      .map((line) => JSON.parse(line) as { window_id: string; quality_score: number });
    assert.ok(windows.length > 0, 'the run recorded no window');
    for (const { window_id: id, quality_score: quality } of windows) {
      if (existsSync(resolveEvidenceDir(this.dataDir, id))) continue;
      const passed = quality === 1 ? 'pass' : 'fail';
      writeTestsEvidence(this.dataDir, id, {
        command: 'node --test tests/',
        exit_code: passed === 'pass' ? 0 : 1,
        timed_out: false,
        tests: [{ name: 'parses hours and minutes', verdict: passed, list: 'fail_to_pass' }],
        fail_to_pass: { passed: passed === 'pass' ? 1 : 0, total: 1 },
        pass_to_pass: null,
        resolved: passed === 'pass',
        note: null,
      });
      writeTestLog(this.dataDir, id, `ok 1 - parses hours and minutes\n# pass ${passed === 'pass' ? 1 : 0}\n`);
      writeDiffPatch(
        this.dataDir,
        id,
        'diff --git a/src/duration.js b/src/duration.js\n--- a/src/duration.js\n+++ b/src/duration.js\n@@ -1 +1,3 @@\n-// TODO\n+export function parseDuration(text) {\n+  return 0;\n+}\n',
      );
      appendTurnRecord(this.dataDir, id, {
        seq: 1,
        at: new Date().toISOString(),
        method: 'POST',
        path: '/v1/messages',
        model: 'scripted',
        requested_model: 'scripted',
        backend_provider: null,
        route: 'default',
        subagent_id: null,
        status: 200,
        latency_ms: 12,
        tokens: { input: 812, output: 40, cache_read: 0, cache_creation: 0 },
        request: {
          messages: [{ role: 'user', blocks: [{ type: 'text', text: 'Task id: duration-parser' }] }],
          tools: ['Write'],
          bytes: 900,
        },
        response: {
          text: 'I will write src/duration.js',
          tool_calls: [{ id: 't1', name: 'Write', input: '{"file_path":"src/duration.js"}' }],
          stop_reason: 'tool_use',
          bytes: 300,
        },
        truncated: false,
      });
    }
  },
);

Then('the report shows its verdict and the chart {string} as SVG', async function (this: TrackerWorld, key: string) {
  const { page } = sessionOf(this);
  await page.locator('[data-testid=report] strong').first().waitFor({ timeout: 60_000 });
  await page.locator(`[data-testid=chart-${key}] svg`).waitFor({ timeout: 30_000 });
});

/** The chart's bars (vega's SVG marks carry the mark type in their group's class). */
function barsOf(world: TrackerWorld, key: string) {
  return sessionOf(world).page.locator(`[data-testid=chart-${key}] svg .mark-bar path, [data-testid=chart-${key}] svg .mark-rect path`);
}

Then('hovering a bar of the chart {string} shows a tooltip', async function (this: TrackerWorld, key: string) {
  const { page } = sessionOf(this);
  await barsOf(this, key).first().hover();
  const tooltip = page.locator('#vg-tooltip-element.visible');
  await tooltip.waitFor({ timeout: 5_000 });
  this.log(`tooltip: ${(await tooltip.textContent())?.replace(/\s+/g, ' ').slice(0, 200)}`);
});

When('I click a bar of the chart {string}', async function (this: TrackerWorld, key: string) {
  await barsOf(this, key).first().click();
});

Then("the arm page of that bar's window opens", async function (this: TrackerWorld) {
  const { page } = sessionOf(this);
  await page.waitForURL(/#\/arm\//, { timeout: 5_000 });
  await page.locator('[data-testid=arm-summary]').waitFor();
});

Then(
  'pressing Tab reaches the page links, the filter, the sort buttons and the table rows, each with a visible focus ring',
  async function (this: TrackerWorld) {
    const { page } = sessionOf(this);
    await page.locator('[data-testid=arms-table] tbody tr').first().waitFor();
    await page.locator('body').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 40 && !reached.has('row'); i += 1) {
      await page.keyboard.press('Tab');
      const focused = (await page.evaluate(DESCRIBE_FOCUS)) as { kind: string; ring: boolean } | null;
      if (focused === null) continue;
      assert.ok(focused.ring, `a ${focused.kind} got the focus without a visible ring`);
      reached.add(focused.kind);
    }
    for (const kind of ['link', 'filter', 'sort', 'row']) assert.ok(reached.has(kind), `Tab never reached a ${kind}`);
  },
);

Then('pressing Enter on the sort button {string} sorts the table by quality', async function (this: TrackerWorld, label: string) {
  const { page } = sessionOf(this);
  await page.getByRole('button', { name: new RegExp(`^${label}`) }).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`th[aria-sort="ascending"] button:has-text("${label}")`);
});

Then(
  'every text on the pages {string}, {string} and {string} has a contrast of at least 4.5:1 \\(3:1 when large)',
  async function (this: TrackerWorld, first: string, second: string, third: string) {
    const { page, viewer } = sessionOf(this);
    for (const route of [first, second, third]) {
      await page.goto(`${viewer.url}${route}`);
      await page.locator('main h1').waitFor();
      await page.waitForTimeout(300);
      const failures = await measureContrast(page);
      assert.deepEqual(failures, [], `text under 4.5:1 on ${route}`);
    }
    await page.goto(`${viewer.url}#/arms`);
    await page.locator('[data-testid=arms-table] tbody tr').first().waitFor();
  },
);

Then('the bars page shows a projected time to the limit and a chart of the bar', async function (this: TrackerWorld) {
  const { page } = sessionOf(this);
  const cell = page.getByTestId('time-to-limit').first();
  await cell.waitFor({ timeout: 30_000 });
  const text = String(await cell.textContent());
  this.log(`first bar's projected limit: ${text}`);
  assert.match(text, /^in \d.*\d{2}:\d{2}:\d{2}/, 'no projected time to the limit ("in ...: date")');
  await page.locator('[data-testid^=chart-bar-] svg').first().waitFor({ timeout: 30_000 });
});

When('I open the page {string}', async function (this: TrackerWorld, route: string) {
  const { page } = sessionOf(this);
  await page.evaluate(`location.hash = ${JSON.stringify(route)}`);
  await page.locator('main h1').waitFor();
});

Then('the table {string} has rows', async function (this: TrackerWorld, id: string) {
  await sessionOf(this).page.locator(`[data-testid=${id}] tbody tr`).first().waitFor({ timeout: 30_000 });
});

Then('the limit changes page shows its shifts and a control chart', async function (this: TrackerWorld) {
  const { page } = sessionOf(this);
  await page.getByTestId('shifts').waitFor({ timeout: 30_000 });
  await page.locator('[data-testid^=chart-limits-] svg').first().waitFor({ timeout: 30_000 });
});

Then("the limit changes page shows each header-read provider's everyday calibration", async function (this: TrackerWorld) {
  const { page } = sessionOf(this);
  const table = page.getByTestId('calibration');
  await table.waitFor({ timeout: 30_000 });
  // sim-claude's bars come in its answers' headers: every request is a reading, so its bars have pairs with use.
  const row = table.locator('tr', { hasText: 'sim-claude' }).first();
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[0], 'sim-claude', `calibration rows: ${await table.innerText()}`);
  assert.ok(Number(cells[3]) > 0, `no pairs of readings for sim-claude: ${cells.join(' | ')}`);
  assert.match(cells[4] ?? '', /^[\d,]+ \([\d,]+ to [\d,]+\)$/);
  assert.match(await page.locator('main').innerText(), /sim-claude on sim-max: \$[\d.]+ of subscription per list-price \$/);
});

Then('the element {string} says {string}', async function (this: TrackerWorld, id: string, text: string) {
  const element = sessionOf(this).page.getByTestId(id).first();
  await element.waitFor({ timeout: 30_000 });
  // Whitespace as a reader sees it: the template's line breaks are one space on the page.
  const shown = String(await element.textContent())
    .replace(/\s+/g, ' ')
    .trim();
  assert.ok(shown.includes(text), `${id} says "${shown}", not "${text}"`);
});

Then('the table {string} has a cell saying {string}', async function (this: TrackerWorld, id: string, text: string) {
  const { page } = sessionOf(this);
  await page.locator(`[data-testid=${id}] tbody tr`).first().waitFor({ timeout: 30_000 });
  const cells = (await page.locator(`[data-testid=${id}] td, [data-testid=${id}] th`).allTextContents()).map((cell) =>
    cell.replace(/\s+/g, ' ').trim(),
  );
  assert.ok(cells.includes(text), `no cell "${text}" in ${id}: ${[...new Set(cells)].slice(0, 40).join(' | ')}`);
});
