// The reader's views read the ledger a plan at a time and fold the proxy rows: they must be what the whole ledger gives.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExperimentLedger } from '../bench/generate-experiment-ledger.js';
import { createPriceTable } from '../budget/prices/index.js';
import { readReportLedger, readUsageInputs } from '../ledger/index.js';
import {
  buildGroupTable,
  buildLimitChanges,
  buildReport,
  buildSessionTable,
  buildUsageTable,
  renderReportMarkdown,
  summarizeWindowUsage,
} from '../reports/index.js';
import { buildArmRow } from './arm-rows.js';
import { ArmTable } from './arm-table.js';
import { computeViews, type WorkerMessage } from './compute-views.js';
import { readEverydayCalibrations } from '../cli/read-everyday-calibrations.js';

let dir: string;
const messages: WorkerMessage[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'compute-views-'));
  generateExperimentLedger(dir, 60, 3);
  await computeViews(dir, BUILT_IN_CATALOG, 7, (message) => void messages.push(structuredClone(message)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('computeViews', () => {
  it('sends the statuses, the arms, the capacity, then each plan report as it is done, and says when they are all done', () => {
    expect(
      messages.map((message) => (message.kind === 'reports' ? `reports ${message.reports.length} ${message.complete}` : message.kind)),
    ).toEqual(['statuses', 'arms', 'ledger', 'capacity', 'reports 1 false', 'reports 2 false', 'reports 3 false', 'reports 3 true']);
    expect(new Set(messages.map((message) => message.generation))).toEqual(new Set([7]));
  });

  it('gives each plan the report `experiment report --plan` writes from the whole ledger, priced as it prices', () => {
    const last = messages.at(-1);
    if (last?.kind !== 'reports') throw new Error('no reports');
    const whole = readReportLedger(dir);
    for (const view of last.reports) {
      const report = buildReport(whole, {
        generatedAt: view.generated_at,
        prices: createPriceTable(BUILT_IN_CATALOG),
        tasks: null,
        planId: view.plan_id ?? undefined,
        infrastructureFailures: [],
        // One price per plan: the viewer's prices are `experiment report`'s, every reading of the data dir.
        calibrations: readEverydayCalibrations(dir, BUILT_IN_CATALOG, undefined, 0.95),
      });
      expect(view.verdict).toBe(report.verdict);
      expect(view.markdown.split('\n').length).toBeGreaterThan(20);
      const files = Object.fromEntries(view.charts.map((chart) => [chart.key, `chart:${chart.key}`]));
      expect(view.markdown).toBe(renderReportMarkdown(report, files));
    }
  });

  it('gives the arms and usage tables of the whole ledger held at once', () => {
    const ledger = messages.find((message) => message.kind === 'ledger');
    const capacity = messages.find((message) => message.kind === 'capacity');
    if (ledger?.kind !== 'ledger' || capacity?.kind !== 'capacity') throw new Error('no arms or capacity');
    // The arms come in their own messages, as typed-array parts, before the ledger view's.
    const table = new ArmTable();
    for (const message of messages) if (message.kind === 'arms') table.append(message.part);
    const arms = Array.from({ length: table.count }, (_, row) => table.readRow(row));
    // The whole ledger's windows with their tests, and the isolation as the arms read it from the whole methodology.
    const whole = readReportLedger(dir, { tests: true });
    const perWindow = summarizeWindowUsage(whole.telemetry, createPriceTable(BUILT_IN_CATALOG));
    const expected = whole.windows.map((window) => buildArmRow(window, perWindow));
    expect(arms).toEqual(expected);
    expect(arms.some((arm) => arm.tokens !== null && arm.tokens > 0)).toBe(true);
    expect(arms.some((arm) => arm.resolved === true) && arms.some((arm) => arm.tests_total !== null)).toBe(true);
    const usage = { ...readUsageInputs(dir), prices: createPriceTable(BUILT_IN_CATALOG) };
    const zone = capacity.capacity.time_zone;
    expect(capacity.capacity.usage.day).toEqual(buildUsageTable(usage, 'day', zone));
    // The Usage page's monthly and session tables are `tracker usage --by month` and `--by session`'s.
    expect(capacity.capacity.usage.month).toEqual(buildUsageTable(usage, 'month', zone));
    expect(capacity.capacity.usage.session).toEqual(buildSessionTable(usage, zone));
    expect(capacity.capacity.usage.session.length).toBeGreaterThan(0);
    // Its project table is `tracker usage --by project`'s, from the same code, the proxy's rows folded as it reads them.
    expect(capacity.capacity.usage.project).toEqual(buildGroupTable(usage, 'project', zone));
    expect(capacity.capacity.usage.project.length).toBeGreaterThan(0);
    expect(capacity.capacity.limits.week).toEqual(buildLimitChanges(usage, 'week', zone));
    expect(capacity.capacity.usage.day.length).toBeGreaterThan(0);
  });
});
