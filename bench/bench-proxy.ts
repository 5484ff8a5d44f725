// The proxy bench: scripted upstream, bare TCP pipe, minimal undici pass-through, tracker proxy and claude-code-router, each its own process.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CCR_PACKAGE, ensureCcrInstalled, startCcr } from './install-ccr.js';
import { buildClaudeCodeRequest, buildSmallRequest, type BenchRequest } from './proxy-bodies.js';
import { createTargetPool, sendOne } from './proxy-load.js';
import { checkMemory, profileProxy, type MemoryCheck, type ProfileResult } from './proxy-memory.js';
import { runPhase, type PhaseResult, type Target } from './proxy-phases.js';
import { startJsonServer, type ServerProcess } from './server-process.js';

export interface ProxySettings {
  seqRequests: number;
  seqWarmup: number;
  /** Wall-time cap per path and body for the 1-client phase (a slow path gets fewer requests). */
  seqSeconds: number;
  loadClients: number;
  loadSeconds: number;
  memoryWarmup: number;
  memoryRequests: number;
  /** Seconds per body for a --cpu-prof run of the proxy at `loadClients`; 0 skips it. */
  profileSeconds: number;
  /** Where that profile is kept (outside the run's work folder, which is deleted). */
  profileDir: string;
  /** False skips claude-code-router (BENCH_PROXY_CCR=0). */
  ccr: boolean;
  /** Node flags of a second tracker proxy measured beside the first (BENCH_PROXY_VARIANT_FLAGS); none: no second one. */
  variantFlags: string[];
}

export interface ProxyBench {
  bodies: { label: string; bytes: number }[];
  phases: PhaseResult[];
  ccrSkipped: string | null;
  memory: MemoryCheck | Error;
  profile: ProfileResult | Error | null;
}

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));
const pipePath = fileURLToPath(new URL('./tcp-pipe.js', import.meta.url));
const passThroughPath = fileURLToPath(new URL('./undici-pass-through.js', import.meta.url));
/** The floor of a Node HTTP proxy: what the tracker proxy costs beyond it is its own work. */
export const UNDICI_PASS_THROUGH = 'undici pass-through';
/** The path name of the tracker proxy started with `flags` (a side-by-side variant). */
export const proxyVariantName = (flags: string[]): string => `tracker proxy ${flags.join(' ')}`;
export const SEQ_ROUNDS = 4;
export const LOAD_ROUNDS = 4;

export async function benchProxy(workDir: string, settings: ProxySettings): Promise<ProxyBench | { skipped: string }> {
  if (!existsSync(trackerPath)) return { skipped: `tracker CLI not built yet (${trackerPath} is missing)` };
  mkdirSync(workDir, { recursive: true });
  const started: ServerProcess[] = [];
  const track = async (server: Promise<ServerProcess>): Promise<ServerProcess> => {
    const running = await server;
    started.push(running);
    return running;
  };
  const bodies = [buildSmallRequest(), buildClaudeCodeRequest()];
  try {
    const upstream = await track(
      startJsonServer([trackerPath, 'model-server', '--script', 'bench', '--port', '0', '--json'], {
        stderrFile: join(workDir, 'upstream.log'),
      }),
    );
    const pipe = await track(startJsonServer([pipePath, new URL(upstream.url).port], { stderrFile: join(workDir, 'pipe.log') }));
    const passThrough = await track(
      startJsonServer([passThroughPath, new URL(upstream.url).port], { stderrFile: join(workDir, 'pass-through.log') }),
    );
    const startTracker = (name: string, nodeArgs: string[] = []): Promise<ServerProcess> =>
      track(
        startJsonServer(
          [
            ...nodeArgs,
            trackerPath,
            'proxy',
            '--port',
            '0',
            '--json',
            '--upstream',
            upstream.url,
            '--data-dir',
            join(workDir, `${name}-data`),
          ],
          { stderrFile: join(workDir, `${name}.log`) },
        ),
      );
    const proxy = await startTracker('proxy');
    const targets: Target[] = [
      { name: 'direct', url: upstream.url, pid: null },
      { name: 'tcp pipe', url: pipe.url, pid: pipe.pid },
      { name: UNDICI_PASS_THROUGH, url: passThrough.url, pid: passThrough.pid },
      { name: 'tracker proxy', url: proxy.url, pid: proxy.pid },
    ];
    if (settings.variantFlags.length > 0) {
      const variant = await startTracker('proxy-variant', settings.variantFlags);
      targets.push({ name: proxyVariantName(settings.variantFlags), url: variant.url, pid: variant.pid });
    }
    for (const target of targets) await checkTarget(target, bodies);
    const ccr = settings.ccr ? await startCcrOrExplain(upstream.url, workDir, bodies) : { skipped: 'skipped (BENCH_PROXY_CCR=0)' };
    if ('pid' in ccr) {
      started.push(ccr);
      targets.push({ name: 'ccr 2.0.0', url: ccr.url, pid: ccr.pid });
    }

    const phases: PhaseResult[] = [];
    for (const request of bodies) {
      const seqMs = (settings.seqSeconds * 1000) / SEQ_ROUNDS;
      phases.push(
        ...(await runPhase(targets, upstream.pid, request, {
          clients: 1,
          rounds: SEQ_ROUNDS,
          warmup: { count: settings.seqWarmup, ms: seqMs },
          perRound: { count: Math.ceil(settings.seqRequests / SEQ_ROUNDS), ms: seqMs },
        })),
      );
      phases.push(
        ...(await runPhase(targets, upstream.pid, request, {
          clients: settings.loadClients,
          rounds: LOAD_ROUNDS,
          warmup: { count: Infinity, ms: 500 },
          perRound: { count: Infinity, ms: (settings.loadSeconds * 1000) / LOAD_ROUNDS },
        })),
      );
    }
    for (const server of [...started].reverse()) if (server !== upstream) await server.stop();

    const memory = await measureSafely(async () => {
      const fresh = await startTracker('proxy-memory');
      try {
        return await checkMemory(fresh, bodies, settings.loadClients, settings.memoryWarmup, settings.memoryRequests);
      } finally {
        await fresh.stop();
      }
    });
    let profile: ProfileResult | Error | null = null;
    if (settings.profileSeconds > 0) {
      const profileDir = join(settings.profileDir, `run-${process.pid}`);
      profile = await measureSafely(async () => {
        const profiled = await startTracker('proxy-profile', ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
        return profileProxy(profiled, profileDir, bodies, settings.loadClients, settings.profileSeconds);
      });
    }
    return {
      bodies: bodies.map((body) => ({ label: body.label, bytes: body.body.length })),
      phases,
      ccrSkipped: 'pid' in ccr ? null : ccr.skipped,
      memory,
      profile,
    };
  } finally {
    await Promise.allSettled(started.map((server) => server.stop()));
  }
}

/** One request of each body must come back whole before a path is measured. */
export async function checkTarget(target: Target, bodies: BenchRequest[]): Promise<void> {
  const pool = createTargetPool(target.url, 1);
  try {
    for (const body of bodies) {
      const result = await sendOne(pool, body);
      if (typeof result === 'string') throw new Error(`${target.name} (${target.url}) failed a ${body.label} request: ${result}`);
    }
  } finally {
    await pool.close();
  }
}

async function startCcrOrExplain(
  upstreamUrl: string,
  workDir: string,
  bodies: BenchRequest[],
): Promise<ServerProcess | { skipped: string }> {
  const cli = ensureCcrInstalled();
  if (cli instanceof Error) return { skipped: cli.message };
  let ccr: ServerProcess;
  try {
    ccr = await startCcr(cli, upstreamUrl, workDir);
  } catch (error) {
    return { skipped: `${CCR_PACKAGE} would not start: ${(error as Error).message}` };
  }
  try {
    await checkTarget({ name: 'ccr', url: ccr.url, pid: ccr.pid }, bodies);
    return ccr;
  } catch (error) {
    await ccr.stop();
    return { skipped: (error as Error).message };
  }
}

async function measureSafely<T>(measure: () => Promise<T>): Promise<T | Error> {
  try {
    return await measure();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
