// Memory-flat check (RSS of a fresh proxy after a warm-up vs after 10,000 more requests) and an optional CPU profile under load.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTopSelfTime, type SelfTime } from './cpu-profile-top.js';
import type { BenchRequest } from './proxy-bodies.js';
import { createTargetPool, createEmptySample, runClosedLoop, type LoadSample } from './proxy-load.js';
import { readRssKb, type ServerProcess } from './server-process.js';

export interface MemoryCheck {
  clients: number;
  warmupRequests: number;
  requests: number;
  errors: number;
  firstError: string | null;
  /** RSS in KiB after the warm-up, after each block of the measured requests, and the ratio end / after warm-up. */
  afterWarmupKb: number;
  blocksKb: number[];
  endKb: number;
  peakKb: number;
  ratio: number;
}

/** Alternates the bodies (half each) in blocks of `block` requests over `clients` closed loops, sampling RSS after each. */
export async function checkMemory(
  proxy: ServerProcess,
  requests: BenchRequest[],
  clients: number,
  warmup: number,
  total: number,
  block = 1_000,
): Promise<MemoryCheck> {
  const pool = createTargetPool(proxy.url, clients);
  const sample = createEmptySample();
  try {
    await runMixed(pool, requests, clients, warmup, createEmptySample());
    const afterWarmupKb = readRssKb(proxy.pid);
    const blocksKb: number[] = [];
    for (let done = 0; done < total; done += block) {
      await runMixed(pool, requests, clients, Math.min(block, total - done), sample);
      blocksKb.push(readRssKb(proxy.pid));
    }
    const endKb = blocksKb.at(-1) ?? afterWarmupKb;
    return {
      clients,
      warmupRequests: warmup,
      requests: sample.requests,
      errors: sample.errors,
      firstError: sample.firstError,
      afterWarmupKb,
      blocksKb,
      endKb,
      peakKb: Math.max(afterWarmupKb, ...blocksKb),
      ratio: endKb / afterWarmupKb,
    };
  } finally {
    await pool.close();
  }
}

async function runMixed(
  pool: ReturnType<typeof createTargetPool>,
  requests: BenchRequest[],
  clients: number,
  count: number,
  into: LoadSample,
): Promise<void> {
  const share = Math.ceil(count / requests.length);
  for (const request of requests) await runClosedLoop(pool, request, clients, 120_000, into, share);
}

export interface ProfileResult {
  file: string;
  requests: number;
  busyMs: number;
  idleMs: number;
  top: SelfTime[];
}

/** Drives a proxy started with --cpu-prof: `seconds` per body at `clients`, then stops it so the profile is written. */
export async function profileProxy(
  proxy: ServerProcess,
  profileDir: string,
  requests: BenchRequest[],
  clients: number,
  seconds: number,
): Promise<ProfileResult> {
  const pool = createTargetPool(proxy.url, clients);
  const sample = createEmptySample();
  try {
    for (const request of requests) await runClosedLoop(pool, request, clients, seconds * 1000, sample);
  } finally {
    await pool.close();
  }
  await proxy.stop(15_000);
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`the proxy wrote no .cpuprofile into ${profileDir}`);
  const { entries, busyMs, idleMs } = readTopSelfTime(join(profileDir, file), 10);
  return { file: join(profileDir, file), requests: sample.requests, busyMs, idleMs, top: entries };
}
