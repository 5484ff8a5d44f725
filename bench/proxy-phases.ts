// Runs one load phase over every target, interleaved in rounds (so drift hits all paths alike), with CPU time per path.
import type { BenchRequest } from './proxy-bodies.js';
import { createTargetPool, createEmptySample, runClosedLoop, runSequential, type LoadSample } from './proxy-load.js';
import { readCpuMs, readMainThreadCpuMs } from './server-process.js';

export interface Target {
  name: string;
  url: string;
  /** The process between client and upstream (null for direct), whose CPU time is charged to the path. */
  pid: number | null;
}

export interface PhasePlan {
  clients: number;
  rounds: number;
  /** Warm-up per target: `count` requests or `ms`, whichever ends first (not recorded). */
  warmup: { count: number; ms: number };
  /** Per target per round: `count` requests or `ms`, whichever ends first. */
  perRound: { count: number; ms: number };
}

export interface PhaseResult {
  target: string;
  body: string;
  clients: number;
  sample: LoadSample;
  /** CPU time of the path's own process during its measured rounds (null for direct). */
  cpuMs: number | null;
  /** The part of cpuMs spent on the path's main thread (the rest is its other threads: V8's GC and compiler workers). */
  mainCpuMs: number | null;
  upstreamCpuMs: number;
  /** CPU time of this process, the load client, during those rounds. */
  clientCpuMs: number;
}

/**
 * Warms every target up, then runs `rounds` rounds; round r visits the targets starting at index r (direct, pipe,
 * pass-through, proxy, ccr; then pipe, pass-through, proxy, ccr, direct; ...), so no path always follows the same one.
 */
export async function runPhase(targets: Target[], upstreamPid: number, request: BenchRequest, plan: PhasePlan): Promise<PhaseResult[]> {
  const pools = targets.map((target) => createTargetPool(target.url, plan.clients));
  const results: PhaseResult[] = targets.map((target) => ({
    target: target.name,
    body: request.label,
    clients: plan.clients,
    sample: createEmptySample(),
    cpuMs: target.pid === null ? null : 0,
    mainCpuMs: target.pid === null ? null : 0,
    upstreamCpuMs: 0,
    clientCpuMs: 0,
  }));
  try {
    for (const pool of pools) await drive(pool, request, plan.clients, plan.warmup.count, plan.warmup.ms, createEmptySample());
    for (let round = 0; round < plan.rounds; round += 1) {
      for (let step = 0; step < targets.length; step += 1) {
        const index = (round + step) % targets.length;
        const target = targets[index] as Target;
        const result = results[index] as PhaseResult;
        const cpuBefore = target.pid === null ? 0 : readCpuMs(target.pid);
        const mainBefore = target.pid === null ? 0 : readMainThreadCpuMs(target.pid);
        const upstreamBefore = readCpuMs(upstreamPid);
        const clientBefore = process.cpuUsage();
        await drive(
          pools[index] as ReturnType<typeof createTargetPool>,
          request,
          plan.clients,
          plan.perRound.count,
          plan.perRound.ms,
          result.sample,
        );
        const client = process.cpuUsage(clientBefore);
        result.clientCpuMs += (client.user + client.system) / 1000;
        result.upstreamCpuMs += readCpuMs(upstreamPid) - upstreamBefore;
        if (target.pid !== null && result.cpuMs !== null) result.cpuMs += readCpuMs(target.pid) - cpuBefore;
        if (target.pid !== null && result.mainCpuMs !== null) result.mainCpuMs += readMainThreadCpuMs(target.pid) - mainBefore;
      }
    }
  } finally {
    await Promise.allSettled(pools.map((pool) => pool.close()));
  }
  return results;
}

function drive(
  pool: ReturnType<typeof createTargetPool>,
  request: BenchRequest,
  clients: number,
  count: number,
  ms: number,
  into: LoadSample,
): Promise<void> {
  return clients === 1 ? runSequential(pool, request, count, ms, into) : runClosedLoop(pool, request, clients, ms, into, count);
}
