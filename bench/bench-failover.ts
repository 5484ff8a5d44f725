// Failover's cost when nothing moves: proxies without and with a chain (and a twin without), interleaved, p50 side by side.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { checkTarget } from './bench-proxy.js';
import { type ChainWork, timeChainWork } from './failover-chain-work.js';
import { num } from './format-report.js';
import { summarizePath, type PathStats } from './latency-stats.js';
import { buildSmallRequest } from './proxy-bodies.js';
import { runPhase, type Target } from './proxy-phases.js';
import { startJsonServer, type ServerProcess } from './server-process.js';

export interface FailoverPlan {
  rounds: number;
  requests: number;
  warmup: number;
  seconds: number;
}

/** The bound: a chain adds at most this to the p50 of a request that stays on its first back end. */
export const TARGET_ADDED_P50_MS = 0.05;
export const NO_CHAIN = 'proxy, no chain';
export const WITH_CHAIN = 'proxy, failover chain';
/** A second proxy without a chain: how far two identical paths differ in this run (the noise floor). */
export const NO_CHAIN_TWIN = 'proxy, no chain (twin)';

export interface FailoverBench {
  paths: PathStats[];
  /** p50 with chain minus without (ms), and twin minus without. */
  addedP50: number;
  twinP50: number;
  /** The chain proxy's /_tracker/health failover counts after the run: all zero when every request stayed. */
  moves: { moves: number; moved_requests: number };
  /** The chain's own steps per request, in process. */
  work: ChainWork;
}

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
const KEY_ENV = 'BENCH_FAILOVER_KEY';

export async function benchFailover(workDir: string, plan: FailoverPlan): Promise<FailoverBench> {
  mkdirSync(workDir, { recursive: true });
  const started: ServerProcess[] = [];
  const start = async (name: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ServerProcess> => {
    const server = await startJsonServer([trackerPath, ...args], { stderrFile: join(workDir, `${name}.log`), env });
    started.push(server);
    return server;
  };
  try {
    const upstream = await start('upstream', ['model-server', '--script', 'bench', '--port', '0', '--json']);
    // The chain's second back end: started so the chain is real, never reached while the first answers.
    const second = await start('second', ['model-server', '--script', 'bench', '--port', '0', '--json']);
    const proxyArgs = (name: string, extra: string[]): string[] => [
      'proxy',
      '--port',
      '0',
      '--json',
      '--auth-token',
      'bench-token',
      '--upstream',
      upstream.url,
      '--data-dir',
      join(workDir, `${name}-data`),
      ...extra,
    ];
    const chainFlags = ['--failover', `${second.url},auth_env=${KEY_ENV}`];
    const targets: Target[] = [];
    for (const [name, dir, extra] of [
      [NO_CHAIN, 'off', []],
      [WITH_CHAIN, 'chain', chainFlags],
      [NO_CHAIN_TWIN, 'twin', []],
    ] as const) {
      const proxy = await start(dir, proxyArgs(dir, [...extra]), { ...process.env, [KEY_ENV]: 'bench-second-key' });
      targets.push({ name, url: proxy.url, pid: proxy.pid });
    }
    const body = withToken(buildSmallRequest());
    for (const target of targets) await checkTarget(target, [body]);
    const perRoundMs = (plan.seconds * 1000) / plan.rounds;
    const phases = await runPhase(targets, upstream.pid, body, {
      clients: 1,
      rounds: plan.rounds,
      warmup: { count: plan.warmup, ms: perRoundMs },
      perRound: { count: Math.ceil(plan.requests / plan.rounds), ms: perRoundMs },
    });
    const paths = phases.map(summarizePath);
    const p50 = (name: string): number => paths.find((path) => path.target === name)?.last.p50 ?? Number.NaN;
    const chain = targets.find((target) => target.name === WITH_CHAIN) as Target;
    return {
      paths,
      addedP50: p50(WITH_CHAIN) - p50(NO_CHAIN),
      twinP50: p50(NO_CHAIN_TWIN) - p50(NO_CHAIN),
      moves: await readMoves(chain.url),
      work: timeChainWork(1_000_000),
    };
  } finally {
    await Promise.allSettled(started.map((server) => server.stop()));
  }
}

/** A token keeps the base URL plain (no secret start path), the same for every proxy. */
function withToken(body: ReturnType<typeof buildSmallRequest>): ReturnType<typeof buildSmallRequest> {
  return { ...body, headers: { ...body.headers, 'x-tracker-auth': 'bench-token' } };
}

async function readMoves(url: string): Promise<FailoverBench['moves']> {
  const answer = await request(`${url}/_tracker/health`, { headers: { 'x-tracker-auth': 'bench-token' } });
  const health = (await answer.body.json()) as { failover?: { moves: number; moved_requests: number } };
  return { moves: health.failover?.moves ?? Number.NaN, moved_requests: health.failover?.moved_requests ?? Number.NaN };
}

/** Prints the bench; 1 when the chain costs more than the bound, a path failed requests, or a request moved. */
export async function reportFailover(workDir: string, plan: FailoverPlan): Promise<number> {
  console.log('Failover: a proxy with a failover chain against the same proxy without, every request staying on its first back end');
  console.log(
    `  streaming POST /v1/messages (\`bench\` script); 1 client, ${plan.rounds} interleaved rounds, up to ${num(plan.requests)} requests per path (${num(plan.warmup)} warm-up, at most ${plan.seconds} s per path); times in ms to the last byte\n`,
  );
  const bench = await benchFailover(workDir, plan);
  for (const path of bench.paths)
    console.log(
      `  ${path.target.padEnd(26)} n=${String(path.n).padStart(5)} errors=${path.errors}  p50 ${num(path.last.p50, 3)}  p99 ${num(path.last.p99, 3)}`,
    );
  const failed = bench.paths.some((path) => path.errors > 0) || bench.moves.moves !== 0 || bench.moves.moved_requests !== 0;
  const over = !(bench.addedP50 <= TARGET_ADDED_P50_MS);
  console.log(
    `\n  chain - no chain, p50: ${num(bench.addedP50, 3)} ms (bound ${TARGET_ADDED_P50_MS} ms) ${over ? 'MISSED' : 'MET'}; twin - no chain (noise floor): ${num(bench.twinP50, 3)} ms; moves ${bench.moves.moves}, moved requests ${bench.moves.moved_requests}\n`,
  );
  const { work } = bench;
  console.log(
    `  the chain's own steps per request, in process (best of 5 x ${num(work.iterations)}): ${num(work.refusalOnlyNs, 1)} ns on refusals only, ${num(work.thresholdNs, 1)} ns with --failover-at (bound 50,000 ns)\n`,
  );
  return failed || over ? 1 : 0;
}

const runDirectly = process.argv[1] === fileURLToPath(import.meta.url);
if (runDirectly) {
  const envInt = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
  const workDir = join(process.env.BENCH_DIR ?? '.bench-tmp', `failover-${process.pid}`);
  process.exitCode = await reportFailover(workDir, {
    rounds: envInt('BENCH_FAILOVER_ROUNDS', 8),
    requests: envInt('BENCH_FAILOVER_REQUESTS', 4_000),
    warmup: envInt('BENCH_FAILOVER_WARMUP', 300),
    seconds: envInt('BENCH_FAILOVER_SECONDS', 12),
  });
}
