// Steps of the viewer-catalog spec: the viewer's report and usage, asked of a running `experiment view`, against the CLI's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then } from '@cucumber/cucumber';
import { viewerOf } from './viewer-hardening-steps.js';
import type { TrackerWorld } from './world.js';

/** GETs an API path of the scenario's viewer with its token, as JSON. */
async function askViewer(world: TrackerWorld, path: string): Promise<Record<string, unknown>> {
  const { port, token } = viewerOf(world);
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-tracker-auth': token } });
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The report once the viewer's reader has built it (it answers `computing` until then). */
async function waitForReport(world: TrackerWorld): Promise<{ markdown: string }> {
  for (let tries = 0; tries < 200; tries += 1) {
    const answer = (await askViewer(world, '/api/report')) as { computing: boolean; error: string | null; reports: { markdown: string }[] };
    assert.equal(answer.error ?? null, null, `the viewer's report failed: ${answer.error}`);
    if (!answer.computing && answer.reports.length > 0) return answer.reports[0] as { markdown: string };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the viewer never finished its report');
}

type UsageRow = { period: string; provider: string; model: string; total: number; usd: number | null; usd_reason?: string | null };
const keyOf = (row: UsageRow) => ({
  period: row.period,
  provider: row.provider,
  model: row.model,
  total: row.total,
  usd: row.usd,
  usd_reason: row.usd_reason ?? null,
});

Then("the viewer's usage by day has the rows of the last command, dollars included", async function (this: TrackerWorld) {
  const cli = (JSON.parse(this.last.stdout) as { rows: UsageRow[] }).rows.map(keyOf);
  const viewer = ((await askViewer(this, '/api/usage?by=day')) as { rows: UsageRow[] }).rows.map(keyOf);
  assert.deepEqual(viewer, cli);
});

Then(
  "the viewer's report is the markdown {string} wrote, with its pricing table and the dollars of {string} and {string}",
  async function (this: TrackerWorld, _command: string, first: string, second: string) {
    const written = readFileSync(join(this.dataDir, 'reports', 'report.md'), 'utf8');
    // The one difference by design: the viewer names its charts `chart:KEY`, the file links the SVGs written beside it.
    const shown = (await waitForReport(this)).markdown.replace(/\(chart:([a-z-]+)\)/g, '(report-$1.svg)');
    assert.ok(written.includes('Priced from every reading of each plan'), 'the CLI report has no pricing table');
    for (const provider of [first, second])
      assert.match(written, new RegExp(`^\\| ${provider} .*\\$0\\.\\d+ \\|`, 'm'), `the CLI report prices no arm of ${provider}`);
    assert.equal(shown, written);
  },
);
