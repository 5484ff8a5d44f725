import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StampContext } from '../store/stamp-row.js';
import { completeWindow } from '../windows/complete-window.js';
import { recordSnapshot } from '../windows/record-snapshot.js';
import { readReportLedger } from './read-report-ledger.js';
import { isWindowOrProbe } from '../vocabulary/index.js';
import { makeProxyRequest, makeRetraction } from '../telemetry/test-fixtures/make-proxy-request.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { scanLedger } from '../store/scan-ledger.js';

const main: StampContext = { agentId: 'main', source: 'manual' };
const bars = (pct: number) => ({ format: 'json', bars: { five_hour: { used_pct: pct, resets_at: null } }, parse_errors: [] });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-ledger-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function recordWindow(provider: string, from: number, to: number, at: string, quality: number, amend = false): void {
  const start = new Date(at);
  recordSnapshot(dir, main, { provider, phase: 'before', reading: bars(from), capturedAt: start });
  recordSnapshot(dir, main, { provider, phase: 'after', reading: bars(to), capturedAt: new Date(start.getTime() + 45 * 60_000) });
  completeWindow(dir, main, { provider, quality, outcome: 'success', featureId: 'T1' });
  if (amend) completeWindow(dir, main, { provider, quality: 0.5, outcome: 'partial', amend: true });
}

describe('readReportLedger', () => {
  it('reads completed windows with their capture times, one per window after an amend', () => {
    recordWindow('claude', 10, 20, '2026-11-21T10:00:00Z', 0.9, true);
    recordWindow('codex', 30, 50, '2026-11-21T10:00:00Z', 0.8);
    const ledger = readReportLedger(dir);
    expect(ledger.windows).toHaveLength(2);
    expect(ledger.windows[0]).toMatchObject({
      provider: 'claude',
      quality: 0.5,
      outcome: 'partial',
      feature_id: 'T1',
      started_at: '2026-11-21T10:00:00.000Z',
      ended_at: '2026-11-21T10:45:00.000Z',
      capacity: { delta: 10 },
    });
    expect(ledger.windows[1]).toMatchObject({ provider: 'codex', capacity: { delta: 20 } });
    expect(ledger.skippedCount).toBe(0);
  });

  it("keeps each window's tests, counted, only when asked, and from the row the window is read from", () => {
    const tests = (passed: number) => ({
      fail_to_pass: { passed, total: 3 },
      pass_to_pass: { passed: 5, total: 5 },
      resolved: passed === 3,
      broken: passed === 3 ? [] : ['t::broken'],
    });
    const finish = (provider: string, windowId: string, quality: number, outcome: 'success' | 'fail' | 'partial', passed?: number) => {
      recordSnapshot(dir, main, { provider, phase: 'before', windowId, reading: bars(10), capturedAt: new Date('2026-11-21T10:00:00Z') });
      recordSnapshot(dir, main, { provider, phase: 'after', windowId, reading: bars(20), capturedAt: new Date('2026-11-21T10:30:00Z') });
      completeWindow(dir, main, { provider, windowId, quality, outcome, ...(passed === undefined ? {} : { tests: tests(passed) }) });
    };
    finish('claude', 'w1', 1, 'success', 3);
    // w1 completed again without tests (a merged ledger, a hand edit: the CLI refuses it), after the windows below.
    const windowsPath = join(dir, LEDGER_FILES.windows);
    const line = readFileSync(windowsPath, 'utf8').split('\n')[0] as string;
    const { tests: _tests, ...again } = {
      ...JSON.parse(line),
      id: '019b0000-0000-7000-8000-000000000002',
      quality_score: 0,
      outcome: 'fail',
    };
    // The same id under another provider is another window, with tests of its own.
    finish('codex', 'w1', 0.5, 'partial', 1);
    finish('codex', 'w2', 1, 'success', 3);
    appendFileSync(windowsPath, `${JSON.stringify(again)}\n`);
    expect(readReportLedger(dir).windows.map((window) => window.tests)).toEqual([undefined, undefined, undefined]);
    const read = readReportLedger(dir, { tests: true }).windows;
    expect(read.map((window) => [window.provider, window.window_id, window.tests])).toEqual([
      ['claude', 'w1', undefined],
      ['codex', 'w1', { fail_to_pass: { passed: 1, total: 3 }, pass_to_pass: { passed: 5, total: 5 }, resolved: false }],
      ['codex', 'w2', { fail_to_pass: { passed: 3, total: 3 }, pass_to_pass: { passed: 5, total: 5 }, resolved: true }],
    ]);
  });

  it('returns empty lists for an empty data directory', () => {
    const ledger = readReportLedger(dir);
    expect(ledger).toMatchObject({
      windows: [],
      anomalies: [],
      previews: [],
      telemetry: [],
      budgetEvents: [],
      skippedCount: 0,
      tornTails: [],
    });
  });

  it('skips unreadable and invalid lines and notes a torn tail without repairing it', () => {
    recordWindow('claude', 10, 20, '2026-11-21T10:00:00Z', 0.9);
    appendFileSync(join(dir, 'windows.jsonl'), 'not json\n{"id":"x","kind":"window","provider":"claude"}\n{"id":"torn');
    const ledger = readReportLedger(dir);
    expect(ledger.windows).toHaveLength(1);
    expect(ledger.skippedCount).toBe(2);
    expect(ledger.tornTails).toEqual(['windows.jsonl']);
  });

  it('narrowed to some providers and no capture times, gives the same windows as the whole read filtered', () => {
    // A hand-formatted codex row is kept by the narrowed read, and then retracted by a row that names no provider.
    recordWindow('claude', 10, 20, '2026-11-21T10:00:00Z', 0.9, true);
    recordWindow('codex', 30, 50, '2026-11-21T11:00:00Z', 0.8);
    recordWindow('glm', 5, 9, '2026-11-21T12:00:00Z', 0.7);
    appendFileSync(
      join(dir, 'windows.jsonl'),
      '{"id": "018cc25a-96f0-7083-99fc-0000000000ff", "kind": "window", "ts": "2026-11-21T13:00:00.000Z", "schema_version": 1, "tool_version": "0.1.0", "source": "manual", "agent_id": "other", "provider": "codex", "window_id": "codex-hand", "feature_id": "T2", "commit_start": null, "commit_end": null, "methodology": "manual", "quality_score": 0.6, "outcome": "success", "capacity": {"unit": "pct_5h", "before": 1, "after": 3, "delta": 2}, "before_id": "b", "after_id": "a", "errors": []}\n',
    );
    // A retraction that names no provider at all still removes the row it targets.
    appendFileSync(
      join(dir, 'windows.jsonl'),
      `${JSON.stringify({ id: '018cc25a-96f0-7083-99fc-000000000100', kind: 'retraction', ts: '2026-11-21T14:00:00.000Z', schema_version: 1, tool_version: '0.1.0', source: 'manual', agent_id: 'other', target_id: '018cc25a-96f0-7083-99fc-0000000000ff', target_kind: 'window', reason: 'test' })}\n`,
    );
    const whole = readReportLedger(dir);
    const narrow = readReportLedger(dir, { providers: ['claude', 'codex'], captureTimes: false });
    const strip = (windows: typeof whole.windows) =>
      windows.filter((w) => w.provider !== 'glm').map((w) => ({ ...w, started_at: null, ended_at: null }));
    expect(narrow.windows.map((w) => w.provider).sort()).toEqual(['claude', 'codex']);
    expect(narrow.windows).toEqual(strip(whole.windows));
    // The amend (a correction) still replaced claude's first completion.
    expect(narrow.windows.find((w) => w.provider === 'claude')).toMatchObject({ quality: 0.5, outcome: 'partial' });
  });

  it('counts a live row that fails its schema, but not one a correction replaced or a retraction removed', () => {
    recordWindow('claude', 10, 20, '2026-11-21T10:00:00Z', 0.9);
    const stamp = { ts: '2026-11-21T13:00:00.000Z', schema_version: 1, tool_version: '0.1.0', source: 'manual', agent_id: 'other' };
    const bad = (id: string, extra: object = {}) => ({ id, kind: 'window', ...stamp, provider: 'codex', quality_score: 2, ...extra });
    const rows = [
      bad('018cc25a-96f0-7083-99fc-000000000201'),
      bad('018cc25a-96f0-7083-99fc-000000000202'),
      bad('018cc25a-96f0-7083-99fc-000000000203', { supersedes: '018cc25a-96f0-7083-99fc-000000000202', kind: 'note' }),
      bad('018cc25a-96f0-7083-99fc-000000000204'),
      { id: '018cc25a-96f0-7083-99fc-000000000205', kind: 'retraction', ...stamp, target_id: '018cc25a-96f0-7083-99fc-000000000204' },
    ];
    appendFileSync(join(dir, 'windows.jsonl'), `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`);
    const ledger = readReportLedger(dir);
    expect(ledger.windows).toHaveLength(1);
    // Only the first bad row is still live: the second was replaced (by a row of another kind), the fourth retracted.
    expect(ledger.skippedCount).toBe(1);
    expect(ledger.skipped).toEqual([
      { file: 'windows.jsonl', lineNo: 2, reason: 'window_id: Invalid input: expected string, received undefined' },
    ]);
  });

  it("reads a plan's windows and their proxy rows alone, as the whole ledger scoped to the plan has them", () => {
    const planWindow = (windowId: string, provider: string, planId: string, at: string) => {
      const start = new Date(at);
      recordSnapshot(dir, main, { provider, phase: 'before', windowId, reading: bars(10), capturedAt: start });
      recordSnapshot(dir, main, { provider, phase: 'after', windowId, reading: bars(20), capturedAt: new Date(start.getTime() + 60_000) });
      completeWindow(dir, main, { provider, windowId, quality: 1, outcome: 'success', experiment: { sequence: 'AB', period: 1, planId } });
    };
    planWindow('p1-a001-claude', 'claude', 'p1', '2026-11-21T10:00:00Z');
    planWindow('p1-a002-codex', 'codex', 'p1', '2026-11-21T11:00:00Z');
    planWindow('p2-a001-claude', 'claude', 'p2', '2026-11-21T12:00:00Z');
    // A window of p3 not named after its plan: its proxy rows are looked for in every line.
    planWindow('hand-named', 'codex', 'p3', '2026-11-21T13:00:00Z');
    planWindow('p3-a002-claude', 'claude', 'p3', '2026-11-21T14:00:00Z');
    const proxy = { agentId: 'main', source: 'proxy' as const };
    const request = (windowId: string, trace: string) => makeProxyRequest('main', trace, { window_id: windowId });
    const gone = request('p1-a001-claude', 'gone');
    // With capacity probes' rows (`<window>.after`, `.before2`): they come with their window; an id that only looks
    // like one (`p1-a002-codexx.after`) does not.
    const ids = ['p1-a001-claude', 'p1-a002-codex', 'p2-a001-claude', 'hand-named', 'p3-a002-claude'];
    ids.push('p1-a002-codex.after', 'hand-named.before2', 'p2-a001-claude.after', 'p1-a002-codexx.after');
    appendRows(dir, LEDGER_FILES.proxyTelemetry, [...ids.map((id) => request(id, id)), gone], proxy);
    const retract = (file: typeof LEDGER_FILES.windows | typeof LEDGER_FILES.proxyTelemetry, targetId: string, kind: string) =>
      appendRows(dir, file, [makeRetraction(targetId, kind)], main);
    retract(LEDGER_FILES.proxyTelemetry, gone.id, 'proxy-request');
    // p2's window is taken back: a plan's read must fold the retraction though the retraction names no plan.
    let p2Row = '';
    scanLedger(dir, LEDGER_FILES.windows, (row) => {
      if (row.kind === 'window' && row.window_id === 'p2-a001-claude') p2Row = String(row.id);
    });
    retract(LEDGER_FILES.windows, p2Row, 'window');
    // p1's first window completed again later under another plan (an imported ledger, a hand edit): as in the whole
    // ledger, the later completion replaces p1's, though its line names neither p1 nor a retraction.
    const windowsPath = join(dir, LEDGER_FILES.windows);
    const first = readFileSync(windowsPath, 'utf8')
      .split('\n')
      .find((line) => line.includes('"window_id":"p1-a001-claude"') && line.includes('"kind":"window"'));
    const moved = { ...JSON.parse(first as string), id: '019b0000-0000-7000-8000-000000000001', plan_id: 'p9' };
    appendFileSync(windowsPath, `${JSON.stringify(moved)}\n`);
    const whole = readReportLedger(dir);
    expect(whole.windows.map((window) => window.window_id)).not.toContain('p2-a001-claude');
    expect(readReportLedger(dir, { planId: 'p2' })).toMatchObject({ windows: [], telemetry: [] });
    for (const planId of ['p1', 'p3', 'p9']) {
      const windows = whole.windows.filter((window) => window.plan_id === planId);
      const inPlan = new Set(windows.map((window) => window.window_id));
      const narrowed = readReportLedger(dir, { planId });
      expect(narrowed.windows).toEqual(windows);
      expect(narrowed.telemetry).toEqual(whole.telemetry.filter((row) => row.window_id != null && isWindowOrProbe(inPlan, row.window_id)));
      expect(narrowed.telemetry.length).toBeGreaterThan(0);
    }
    expect(readReportLedger(dir, { planId: 'p1' }).windows.map((window) => window.window_id)).toEqual(['p1-a002-codex']);
    expect(readReportLedger(dir, { planId: 'p1' }).telemetry.map((row) => row.window_id)).toEqual(['p1-a002-codex', 'p1-a002-codex.after']);
    expect(readReportLedger(dir, { planId: 'p3' }).telemetry.map((row) => row.window_id)).toEqual([
      'hand-named',
      'p3-a002-claude',
      'hand-named.before2',
    ]);
    expect(readReportLedger(dir, { planId: 'p9' }).windows.map((window) => window.window_id)).toEqual(['p1-a001-claude']);
  });
});
