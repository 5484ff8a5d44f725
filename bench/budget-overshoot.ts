// Block-mode overshoot over many runs: one proxy, one agent budget per run (runK=N), the `long` scripted answer cut at each run's limit.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendOvershootRun, type ClientRun } from './overshoot-run.js';
import { buildSmallRequest } from './proxy-bodies.js';
import { createTargetPool } from './proxy-load.js';
import { startJsonServer, type ServerProcess } from './server-process.js';
import { readRequestSeq, readScriptShape, readUpstreamLog, type UpstreamRecord } from './upstream-log.js';

export interface OvershootPlan {
  runs: number;
  /** Limits are drawn uniformly from minLimit..maxLimit (whole tokens) with this seed. */
  minLimit: number;
  maxLimit: number;
  seed: number;
  /** Runs in flight at once (each has its own budget, so they do not share a limit). */
  parallel: number;
  /** The upstream's script (`tracker model-server --script`): `long`, or a text script file like it, e.g. with another delay between deltas. */
  script: string;
}

export interface OvershootRun extends ClientRun {
  /** What the scripted server wrote before it saw the abort (its own count, from its log line), null when the line is missing. */
  upstream: UpstreamRecord | null;
  /** completion_tokens of the proxy's telemetry row (the proxy's estimate for a cut stream). */
  telemetryTokens: number | null;
  /** The `overshoot` row's value for this run's budget (absent when it ended at or under its limit). */
  recordedOvershoot: number | null;
  /** The most the run's budget was charged, as its events' `used` say (what the telemetry records of the run). */
  charged: number | null;
  /** Budget event types recorded for this run's budget, in order. */
  events: string[];
}

export interface OvershootResult {
  plan: OvershootPlan;
  runs: OvershootRun[];
  /** Budget events about budgets that are not a run's (should be none). */
  strayEvents: number;
  wallMs: number;
}

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));

export async function measureOvershoot(workDir: string, plan: OvershootPlan): Promise<OvershootResult> {
  mkdirSync(workDir, { recursive: true });
  const limits = drawLimits(plan);
  const dataDir = join(workDir, 'proxy-data');
  const upstreamLog = join(workDir, 'upstream.log');
  const started: ServerProcess[] = [];
  try {
    const upstream = await startJsonServer([trackerPath, 'model-server', '--script', plan.script, '--port', '0', '--json'], {
      stderrFile: upstreamLog,
    });
    started.push(upstream);
    const budgetFlags = limits.flatMap((limit, index) => ['--agent-budget', `run${index + 1}=${limit}`]);
    const proxy = await startJsonServer(
      [
        trackerPath,
        'proxy',
        '--port',
        '0',
        '--json',
        '--upstream',
        upstream.url,
        '--data-dir',
        dataDir,
        '--budget-metric',
        'output',
        '--budget-mode',
        'block',
        ...budgetFlags,
      ],
      { stderrFile: join(workDir, 'proxy.log') },
    );
    started.push(proxy);
    // An everyday proxy answers under the secret base path it prints (its URL's path): the pool takes the origin alone.
    const target = new URL(proxy.url);
    const pool = createTargetPool(target.origin, plan.parallel);
    const base = target.pathname.replace(/\/$/, '');
    const request = buildSmallRequest();
    const client: ClientRun[] = [];
    const begun = performance.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < limits.length) {
        const index = next++;
        client[index] = await sendOvershootRun(pool, request, index + 1, limits[index] as number, base);
      }
    };
    try {
      await Promise.all(Array.from({ length: plan.parallel }, worker));
    } finally {
      await pool.close();
    }
    const wallMs = performance.now() - begun;
    // The server logs a cut stream when its next frame finds the socket closed (one chunk_delay_ms later).
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proxy.stop(15_000);
    await upstream.stop();
    return { plan, ...joinRecords(client, readUpstreamLog(upstreamLog, readScriptShape(plan.script).events), dataDir), wallMs };
  } finally {
    await Promise.allSettled(started.map((server) => server.stop()));
  }
}

/** Matches each client run with the upstream's log line (by request-id), the telemetry row (by agent) and the budget events (by key). */
function joinRecords(
  client: ClientRun[],
  upstream: Map<number, UpstreamRecord>,
  dataDir: string,
): { runs: OvershootRun[]; strayEvents: number } {
  const telemetry = new Map<string, number | null>();
  for (const row of readJsonLines(join(dataDir, 'proxy_telemetry.jsonl'))) {
    if (row.kind === 'proxy-request')
      telemetry.set(String(row.agent_id), typeof row.completion_tokens === 'number' ? row.completion_tokens : null);
  }
  const events = new Map<string, Record<string, unknown>[]>();
  let strayEvents = 0;
  for (const row of readJsonLines(join(dataDir, 'budget_events.jsonl'))) {
    const key = typeof row.key === 'string' ? row.key : '';
    if (!/^run\d+$/.test(key)) strayEvents += 1;
    events.set(key, [...(events.get(key) ?? []), row]);
  }
  const runs = client.map((run): OvershootRun => {
    const own = events.get(`run${run.run}`) ?? [];
    const overshoot = own.find((row) => row.event === 'overshoot');
    return {
      ...run,
      upstream: upstream.get(readRequestSeq(run.requestId) ?? -1) ?? null,
      telemetryTokens: telemetry.get(`run${run.run}`) ?? null,
      recordedOvershoot: typeof overshoot?.overshoot === 'number' ? overshoot.overshoot : null,
      charged: own.reduce<number | null>(
        (most, row) => (typeof row.used === 'number' && row.event !== 'cut' ? Math.max(most ?? 0, row.used) : most),
        null,
      ),
      events: own.map((row) => String(row.event)),
    };
  });
  return { runs, strayEvents };
}

function readJsonLines(file: string): Record<string, unknown>[] {
  if (!existsSync(file)) return [];
  const rows: Record<string, unknown>[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      rows.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // A line cut by a kill is not a row.
    }
  }
  return rows;
}

/** Limits uniform in minLimit..maxLimit from a small seeded generator (mulberry32), so a run can be repeated. */
export function drawLimits(plan: Pick<OvershootPlan, 'runs' | 'minLimit' | 'maxLimit' | 'seed'>): number[] {
  let state = plan.seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return Array.from({ length: plan.runs }, () => plan.minLimit + Math.floor(next() * (plan.maxLimit - plan.minLimit + 1)));
}
