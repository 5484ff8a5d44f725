// Proxy overhead with budgets on and off: one scripted upstream, proxies without and with never-reached block budgets, interleaved load.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTarget } from './bench-proxy.js';
import { BUDGETS_OFF, BUDGETS_OFF_TWIN, BUDGETS_ON, compareLoads, DIRECT, isOverTarget } from './budget-ratios.js';
import { buildSmallRequest, type BenchRequest } from './proxy-bodies.js';
import { profileProxy, type ProfileResult } from './proxy-memory.js';
import { runPhase, type PhaseResult, type Target } from './proxy-phases.js';
import { startJsonServer, type ServerProcess } from './server-process.js';

export interface OverheadPlan {
  rounds: number;
  seqRequests: number;
  seqWarmup: number;
  seqSeconds: number;
  loadClients: number;
  loadSeconds: number;
  /** Adds a second budgets-off proxy (the noise floor). */
  twin: boolean;
  /** `auto` profiles the budgets-on proxy only when it misses a 5% target. */
  profile: 'auto' | 'always' | 'never';
  profileSeconds: number;
  profileDir: string;
}

export interface OverheadResult {
  flags: string[];
  phases: PhaseResult[];
  /** Budget ids that recorded an event for the bench request in the match check (all of them should). */
  matched: string[] | Error;
  profile: ProfileResult | Error | null;
}

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
/** The same program from its compiled modules: the profile then attributes time to files, not bundle chunks. */
const moduleTrackerPath = fileURLToPath(new URL('./run-tracker-modules.js', import.meta.url));
const LIMIT = '1000000000';
/** Budgets the bench request matches (overall, its command, its agent) that never trigger; block mode so the stream guard counts every event. */
export const NEVER_REACHED = [
  '--overall-token-budget',
  LIMIT,
  '--command-budget',
  `/x=${LIMIT}`,
  '--agent-budget',
  `main=${LIMIT}`,
  '--budget-metric',
  'output',
  '--budget-mode',
  'block',
];
const BUDGET_IDS = ['overall', 'command:/x', 'agent:main'];

/** The small streaming request, attributed to agent `main` running `/x` so every budget matches it. */
export function buildBudgetRequest(): BenchRequest {
  const small = buildSmallRequest();
  return { ...small, headers: { ...small.headers, 'x-tracker-agent': 'main', 'x-tracker-command': '/x' } };
}

export async function measureOverhead(workDir: string, plan: OverheadPlan): Promise<OverheadResult> {
  mkdirSync(workDir, { recursive: true });
  const started: ServerProcess[] = [];
  const track = async (server: Promise<ServerProcess>): Promise<ServerProcess> => {
    const running = await server;
    started.push(running);
    return running;
  };
  const request = buildBudgetRequest();
  try {
    const upstream = await track(
      startJsonServer([trackerPath, 'model-server', '--script', 'bench', '--port', '0', '--json'], {
        stderrFile: join(workDir, 'upstream.log'),
      }),
    );
    const startProxy = (name: string, extra: string[], nodeArgs: string[] = [], entry = trackerPath): Promise<ServerProcess> =>
      track(
        startJsonServer(
          [
            ...nodeArgs,
            entry,
            'proxy',
            '--port',
            '0',
            '--json',
            '--upstream',
            upstream.url,
            '--data-dir',
            join(workDir, `${name}-data`),
            ...extra,
          ],
          { stderrFile: join(workDir, `${name}.log`) },
        ),
      );
    const targets: Target[] = [{ name: DIRECT, url: upstream.url, pid: null }];
    for (const [name, dir, flags] of [
      [BUDGETS_OFF, 'off', []],
      [BUDGETS_ON, 'on', NEVER_REACHED],
      ...(plan.twin ? [[BUDGETS_OFF_TWIN, 'twin', []] as const] : []),
    ] as const) {
      const proxy = await startProxy(dir, [...flags]);
      targets.push({ name, url: proxy.url, pid: proxy.pid });
    }
    for (const target of targets) await checkTarget(target, [request]);

    const phases: PhaseResult[] = [];
    const seqMs = (plan.seqSeconds * 1000) / plan.rounds;
    phases.push(
      ...(await runPhase(targets, upstream.pid, request, {
        clients: 1,
        rounds: plan.rounds,
        warmup: { count: plan.seqWarmup, ms: seqMs },
        perRound: { count: Math.ceil(plan.seqRequests / plan.rounds), ms: seqMs },
      })),
    );
    phases.push(
      ...(await runPhase(targets, upstream.pid, request, {
        clients: plan.loadClients,
        rounds: plan.rounds,
        warmup: { count: Infinity, ms: 500 },
        perRound: { count: Infinity, ms: (plan.loadSeconds * 1000) / plan.rounds },
      })),
    );
    for (const server of started.slice(1)) await server.stop();

    const matched = await safely(() => checkMatching(startProxy, join(workDir, 'match-data'), request));
    const wanted = plan.profile === 'always' || (plan.profile === 'auto' && isOverTarget(compareLoads(phases)));
    const profile =
      wanted && plan.profileSeconds > 0
        ? await safely(async () => {
            const profileDir = join(plan.profileDir, `budgets-${process.pid}`);
            const cpuProf = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
            const profiled = await startProxy('profile', [...NEVER_REACHED], cpuProf, moduleTrackerPath);
            return profileProxy(profiled, profileDir, [request], plan.loadClients, plan.profileSeconds);
          })
        : null;
    return { flags: [...NEVER_REACHED], phases, matched, profile };
  } finally {
    await Promise.allSettled(started.map((server) => server.stop()));
  }
}

/**
 * The same budgets at 1 token in warn mode: one bench request must cross every one of them (an `exceeded`
 * row each), which shows the budgets-on proxy evaluates all three on every request.
 */
async function checkMatching(
  startProxy: (name: string, extra: string[]) => Promise<ServerProcess>,
  dataDir: string,
  request: BenchRequest,
): Promise<string[]> {
  const flags = NEVER_REACHED.map((flag) => (flag === 'block' ? 'warn' : flag.replace(LIMIT, '1')));
  const proxy = await startProxy('match', flags);
  try {
    await checkTarget({ name: 'match check', url: proxy.url, pid: proxy.pid }, [request]);
  } finally {
    await proxy.stop();
  }
  const file = join(dataDir, 'budget_events.jsonl');
  const rows = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { event?: string; budget?: string })
    : [];
  return BUDGET_IDS.filter((id) => rows.some((row) => row.event === 'exceeded' && row.budget === id));
}

async function safely<T>(measure: () => Promise<T>): Promise<T | Error> {
  try {
    return await measure();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
