// The viewer's API over a PostgreSQL team ledger on a real throwaway cluster: a finished run read from a data dir
// that holds none of it, and a run appended later announced on /api/events and shown without a restart.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowSkip, resolvePackagePath } from '../kernel/index.js';
import { bindPostgresLedger } from '../ledger/index.js';
import { pgBridge } from '../ledger/pg/index.js';
import { explainNoPostgres, insertByHand, startTestCluster, type TestCluster } from '../step-definitions/pg-cluster.js';
import { startViewer, type Viewer } from './start-viewer.js';
import { readLedgerFingerprint } from './watch-ledger.js';

const noPostgres = allowSkip(explainNoPostgres());
const EXPERIMENT = resolvePackagePath('dist/cli/experiment.js');
// No report: nothing here reads the runner's report.md, and writing it took about 2 CPU-s a run.
const RUN = ['run', '--providers', 'sim-claude,sim-codex', '--no-report'];

interface RunsAnswer {
  generation: number;
  runs: { plan_id: string; arms: number; done: number; state: string; headline: string[] | null }[];
}

/** `experiment ARGS` against the team database, from a data dir of the runner's own. */
function runExperiment(dataDir: string, url: string, args: string[]): Promise<unknown> {
  const env = { ...process.env, TRACKER_DATA_DIR: dataDir, TRACKER_LEDGER_URL: url, TZ: 'UTC' };
  return promisify(execFile)(process.execPath, [EXPERIMENT, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
}

async function getJson<T>(viewer: Viewer, path: string): Promise<T> {
  const response = await fetch(new URL(path, viewer.url), { headers: { 'x-tracker-auth': viewer.token } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/**
 * Asks until `done` holds: the reader computes after each change and sends its views one by one (the runs before the
 * arms), so a view waited for is asked for itself. No deadline of its own: the tier's limit is the hang guard.
 */
async function pollJson<T>(viewer: Viewer, path: string, done: (answer: T) => boolean): Promise<T> {
  for (;;) {
    const answer = await getJson<T>(viewer, path);
    if (done(answer)) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Collects the `ledger` events' generations of /api/events as they come. */
function followEvents(viewer: Viewer): { generations: number[]; close(): void } {
  const generations: number[] = [];
  const request = get(new URL('/api/events', viewer.url), { headers: { 'x-tracker-auth': viewer.token } }, (response) => {
    let buffer = '';
    response.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const match of buffer.matchAll(/event: ledger\ndata: (\{[^\n]*\})\n\n/g))
        generations.push((JSON.parse(match[1] as string) as { generation: number }).generation);
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    });
  });
  request.on('error', () => undefined);
  return { generations, close: () => request.destroy() };
}

describe.skipIf(noPostgres !== null)('experiment view over a PostgreSQL ledger', () => {
  let cluster: TestCluster;
  let url: string;
  let runnerDir: string;
  let viewerDir: string;
  let viewer: Viewer | null = null;

  beforeAll(() => {
    cluster = startTestCluster();
    url = cluster.createDatabase('viewer_test');
    pgBridge.migrate(url, null);
    runnerDir = mkdtempSync(join(tmpdir(), 'viewer-pg-runner-'));
    // The teammate's machine: bound by --ledger as the command line does, and holding no row of its own.
    viewerDir = mkdtempSync(join(tmpdir(), 'viewer-pg-teammate-'));
    bindPostgresLedger(viewerDir, url);
  });
  afterAll(async () => {
    await viewer?.stop();
    pgBridge.close(url);
    cluster?.stop();
  });

  it('follows rows another program inserts: the fingerprint moves with each, and not without one', () => {
    const before = readLedgerFingerprint(viewerDir);
    expect(readLedgerFingerprint(viewerDir)).toBe(before);
    const line = JSON.stringify({ id: 'by-hand-1', kind: 'anomaly', anomaly: 'test', detail: 'inserted past the tool' });
    return insertByHand(url, 'anomalies.jsonl', 'by-hand-1', line).then(() => {
      expect(readLedgerFingerprint(viewerDir)).not.toBe(before);
    });
  });

  it('shows a finished run with its verdict and arms, then a run appended later, announcing it on /api/events', async () => {
    await runExperiment(runnerDir, url, [...RUN, '--seed', '42', '--only', 'duration-parser,ini-parser,csv-line-parser,token-bucket']);
    viewer = await startViewer({ dataDir: viewerDir, catalog: BUILT_IN_CATALOG, host: '127.0.0.1', port: 0, pollMs: 100 });
    const first = await pollJson<RunsAnswer>(viewer, '/api/runs', (answer) => answer.runs[0]?.headline != null);
    expect(first.runs).toHaveLength(1);
    expect(first.runs[0]).toMatchObject({ arms: 8, done: 8 });
    // 4 tasks: before the first look (5), so no pair can be decided yet.
    expect(first.runs[0]?.headline?.[0]).toMatch(/^\*\*No provider is ahead yet\*\* on 4 tasks/);
    const arms = await getJson<{ total: number; rows: { window_id: string }[] }>(viewer, '/api/arms');
    expect(arms.total).toBe(8);
    const id = arms.rows[0]?.window_id as string;
    const arm = await getJson<{ window: { window_id: string } | null; captures: unknown[]; requests: unknown[]; evidence: unknown }>(
      viewer,
      `/api/arm/${encodeURIComponent(id)}`,
    );
    expect(arm.window?.window_id).toBe(id);
    // From the database: the captures before and after, and the proxy's requests; the evidence folder is the runner's.
    expect(arm.captures.length).toBeGreaterThanOrEqual(2);
    expect(arm.requests.length).toBeGreaterThan(0);
    expect(arm.evidence).toBeNull();

    const events = followEvents(viewer);
    try {
      await runExperiment(runnerDir, url, [...RUN, '--seed', '43', '--only', 'duration-parser']);
      const second = await pollJson<RunsAnswer>(viewer, '/api/runs', (answer) => answer.runs[1]?.done === 2);
      expect(second.runs.map((run) => run.plan_id)).toEqual([first.runs[0]?.plan_id, expect.any(String)]);
      expect(second.generation).toBeGreaterThan(first.generation);
      // The event comes on its own connection, maybe after the answer above: waited for.
      while (!events.generations.some((generation) => generation > first.generation))
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(Math.max(...events.generations)).toBeGreaterThan(first.generation);
    } finally {
      events.close();
    }
  });

  it("shows a run with arms left and a recent arm as running elsewhere, not interrupted (the lock is on the runner's machine)", async () => {
    if (!viewer) throw new Error('the previous test starts the viewer');
    const runs = await getJson<RunsAnswer>(viewer, '/api/runs');
    expect(runs.runs[1]).toMatchObject({ done: 2, state: 'complete' });
    // One of the second plan's windows taken back, as an arm still to do: the plan is mid-way, its last arm minutes old.
    const plan = runs.runs[1]?.plan_id as string;
    // The arms view follows the runs view: at a load average of 20 it was still empty here.
    const arms = await pollJson<{ rows: { window_id: string }[] }>(
      viewer,
      `/api/arms?plan=${encodeURIComponent(plan)}`,
      (answer) => answer.rows.length === 2,
    );
    const second = arms.rows[0] as { window_id: string };
    const arm = await getJson<{ window: { id: string; provider: string; window_id: string } }>(
      viewer,
      `/api/arm/${encodeURIComponent(second.window_id)}`,
    );
    const id = 'retract-by-hand-1';
    const retraction = {
      id,
      kind: 'retraction',
      ts: new Date().toISOString(),
      schema_version: 1,
      tool_version: '0.1.0',
      source: 'manual',
      agent_id: 'main',
      target_id: arm.window.id,
      target_kind: 'window',
      target: { provider: arm.window.provider, window_id: arm.window.window_id },
      reason: 'test: an arm still to do',
    };
    await insertByHand(url, 'windows.jsonl', id, JSON.stringify(retraction));
    const after = await pollJson<RunsAnswer>(viewer, '/api/runs', (answer) => answer.runs[1]?.done === 1);
    expect(after.runs[1]?.state).toBe('elsewhere');
  });
});
