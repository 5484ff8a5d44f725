// Prints the proxy bench: a table per body and load, added latency vs direct, verdicts against the issue's targets.
import {
  benchProxy,
  LOAD_ROUNDS,
  proxyVariantName,
  SEQ_ROUNDS,
  UNDICI_PASS_THROUGH,
  type ProxyBench,
  type ProxySettings,
} from './bench-proxy.js';
import { CCR_CONFIG_SUMMARY } from './install-ccr.js';
import { num, table, verdict } from './format-report.js';
import { summarizePath, type PathStats } from './latency-stats.js';

const TARGET_SMALL_ADDED_P50_MS = 0.5;
const TARGET_SMALL_ADDED_P99_MS = 2.5;
const TARGET_LARGE_ADDED_P50_MS = 1.0;
const TARGET_LARGE_ADDED_P99_MS = 2.5;
const TARGET_SMALL_THROUGHPUT_SHARE = 0.75;
const TARGET_LARGE_THROUGHPUT_SHARE = 0.85;
const TARGET_MEMORY_RATIO = 1.1;
const PROXY = 'tracker proxy';
const CCR = 'ccr 2.0.0';

const formatMs = (value: number): string => (Number.isFinite(value) ? num(value, 2) : 'n/a');
const formatDelta = (value: number): string => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${num(value, 2)}` : 'n/a');

/** Runs and prints the proxy bench; 1 when the direct path or the tracker proxy failed requests (or the bench broke). */
export async function reportProxy(workDir: string, settings: ProxySettings): Promise<number> {
  console.log(
    'Proxy: streaming POST /v1/messages (scripted server, built-in `bench` script: ~60 SSE deltas) direct, through a bare TCP pipe,',
  );
  console.log(
    `  through a minimal undici pass-through (bench/undici-pass-through.ts), through \`tracker proxy\` and through claude-code-router 2.0.0 (pass-through),`,
  );
  console.log('  each in its own process on 127.0.0.1');
  const bench = await benchProxy(workDir, settings);
  if ('skipped' in bench) {
    console.log(`  SKIPPED: ${bench.skipped}\n`);
    return 0;
  }
  console.log(
    `  bodies: ${bench.bodies.map((body) => `${body.label} = ${num(body.bytes)} B`).join(', ')}; 1 client: up to ${num(settings.seqRequests)} requests per path ` +
      `(${num(settings.seqWarmup)} warm-up, ${SEQ_ROUNDS} interleaved rounds, at most ${settings.seqSeconds} s per path); ${settings.loadClients} clients: closed loops, ${LOAD_ROUNDS} interleaved rounds, ${settings.loadSeconds} s per path (0.5 s warm-up)`,
  );
  console.log(
    '  times in ms from dispatch to the first / last body byte; "+" = added over direct at the same percentile; CPU/req = CPU ms per request of the path\'s own process (all threads; in brackets its main thread alone, the rest being V8\'s GC and compiler workers), the upstream and the load client\n',
  );
  if (bench.ccrSkipped) console.log(`  claude-code-router NOT MEASURED: ${bench.ccrSkipped}\n`);
  else console.log(`  ccr: \`ccr start\` with HOME set to a temp folder; config.json: ${CCR_CONFIG_SUMMARY}\n`);
  const groups = groupStats(bench);
  for (const group of groups) printGroup(group);
  const variant = settings.variantFlags.length > 0 ? proxyVariantName(settings.variantFlags) : null;
  const failed = printVerdicts(groups, bench, variant);
  printProfile(bench);
  console.log('');
  return failed ? 1 : 0;
}

interface Group {
  body: string;
  clients: number;
  paths: PathStats[];
}

function groupStats(bench: ProxyBench): Group[] {
  const groups: Group[] = [];
  for (const phase of bench.phases) {
    let group = groups.find((g) => g.body === phase.body && g.clients === phase.clients);
    if (!group) groups.push((group = { body: phase.body, clients: phase.clients, paths: [] }));
    group.paths.push(summarizePath(phase));
  }
  return groups;
}

const findPath = (group: Group, name: string): PathStats | undefined => group.paths.find((path) => path.target === name);

function printGroup(group: Group): void {
  const direct = findPath(group, 'direct');
  console.log(`  ${group.body} body, ${group.clients} client${group.clients === 1 ? '' : 's'}`);
  const rows = group.paths.map((path) => [
    path.target,
    `${num(path.n)}${path.errors ? ` (${num(path.errors)} failed)` : ''}`,
    `${formatMs(path.first.p50)} / ${formatMs(path.first.p99)}`,
    `${formatMs(path.last.p50)} / ${formatMs(path.last.p99)}`,
    direct && path !== direct
      ? `${formatDelta(path.first.p50 - direct.first.p50)} / ${formatDelta(path.first.p99 - direct.first.p99)}`
      : '-',
    direct && path !== direct ? `${formatDelta(path.last.p50 - direct.last.p50)} / ${formatDelta(path.last.p99 - direct.last.p99)}` : '-',
    num(path.perSecond),
    direct ? `${num((100 * path.perSecond) / direct.perSecond)}%` : 'n/a',
    `${path.cpuPerRequestMs === null ? '-' : `${formatMs(path.cpuPerRequestMs)} (${formatMs(path.mainCpuPerRequestMs ?? Number.NaN)})`} / ${formatMs(path.upstreamCpuPerRequestMs)} / ${formatMs(path.clientCpuPerRequestMs)}`,
  ]);
  console.log(
    table(
      [
        'path',
        'requests',
        'first p50 / p99',
        'last p50 / p99',
        '+first p50 / p99',
        '+last p50 / p99',
        'req/s',
        'of direct',
        'CPU/req path (main thread) / upstream / client',
      ],
      rows,
    ),
  );
  for (const path of group.paths) if (path.firstError) console.log(`  ${path.target}: first failure: ${path.firstError}`);
  console.log('');
}

interface TargetCheck {
  label: string;
  /** The figure for one path (NaN when it was not measured). */
  measure: (path: string) => number;
  target: number;
  atLeast: boolean;
  unit: 'ms' | '%';
}

/**
 * The issue's targets as a table: the tracker proxy's figure and verdict beside the same figure for the
 * undici pass-through and the TCP pipe, so a miss can be read against the floor of a Node proxy.
 */
function printVerdicts(groups: Group[], bench: ProxyBench, variant: string | null): boolean {
  const find = (body: string, clients: number): Group | undefined =>
    groups.find((g) => g.body === body && (clients === 1 ? g.clients === 1 : g.clients > 1));
  const added = (group: Group | undefined, name: string, key: 'p50' | 'p99'): number => {
    const path = group && findPath(group, name);
    const direct = group && findPath(group, 'direct');
    if (!path || !direct) return Number.NaN;
    return Math.max(path.first[key] - direct.first[key], path.last[key] - direct.last[key]);
  };
  const share = (group: Group | undefined, name: string): number => {
    const path = group && findPath(group, name);
    const direct = group && findPath(group, 'direct');
    return path && direct ? path.perSecond / direct.perSecond : Number.NaN;
  };
  const [small, large] = bench.bodies.map((body) => body.label) as [string, string];
  const clients = groups.find((g) => g.clients > 1)?.clients ?? 0;
  const latency = (body: string, key: 'p50' | 'p99', target: number): TargetCheck => ({
    label: `${body} body, 1 client: added ${key} (worse of first/last byte)`,
    measure: (name) => added(find(body, 1), name, key),
    target,
    atLeast: false,
    unit: 'ms',
  });
  const throughput = (body: string, target: number): TargetCheck => ({
    label: `${body} body, ${clients} clients: throughput of direct`,
    measure: (name) => share(find(body, clients), name),
    target,
    atLeast: true,
    unit: '%',
  });
  const checks = [
    latency(small, 'p50', TARGET_SMALL_ADDED_P50_MS),
    latency(small, 'p99', TARGET_SMALL_ADDED_P99_MS),
    latency(large, 'p50', TARGET_LARGE_ADDED_P50_MS),
    latency(large, 'p99', TARGET_LARGE_ADDED_P99_MS),
    throughput(small, TARGET_SMALL_THROUGHPUT_SHARE),
    throughput(large, TARGET_LARGE_THROUGHPUT_SHARE),
  ];
  const show = (check: TargetCheck, value: number): string =>
    check.unit === 'ms' ? `${formatDelta(value)} ms` : Number.isFinite(value) ? `${num(100 * value)}%` : 'n/a';
  const rows = checks.map((check) => {
    const value = check.measure(PROXY);
    const goal = check.unit === 'ms' ? `< ${check.target} ms` : `>= ${num(100 * check.target)}%`;
    return [
      check.label,
      goal,
      show(check, value),
      verdict(value, check.target, check.atLeast),
      ...(variant ? [show(check, check.measure(variant))] : []),
      show(check, check.measure(UNDICI_PASS_THROUGH)),
      show(check, check.measure('tcp pipe')),
    ];
  });
  console.log('  Targets:');
  console.log(table(['target', 'goal', PROXY, 'verdict', ...(variant ? [variant] : []), UNDICI_PASS_THROUGH, 'tcp pipe'], rows));
  console.log(`  better than claude-code-router at every percentile and load: ${compareWithCcr(groups)}`);
  const { memory } = bench;
  if (memory instanceof Error) console.log(`  memory flat: FAILED to measure: ${memory.message}`);
  else {
    const blocks = memory.blocksKb.map((kb) => num(kb / 1024, 1)).join(', ');
    console.log(
      `  memory flat over ${num(memory.requests)} requests (fresh proxy, ${memory.clients} clients, bodies alternating, after ${num(memory.warmupRequests)} warm-up): ` +
        `RSS ${num(memory.afterWarmupKb / 1024, 1)} -> ${num(memory.endKb / 1024, 1)} MB (x${num(memory.ratio, 3)}, peak ${num(memory.peakKb / 1024, 1)} MB; per 1,000: ${blocks}) ` +
        `(target <= x${TARGET_MEMORY_RATIO}: ${verdict(memory.ratio, TARGET_MEMORY_RATIO + 1e-9, false)})${memory.errors ? `; ${memory.errors} failed: ${memory.firstError}` : ''}`,
    );
  }
  const broken = groups.some((g) => (findPath(g, 'direct')?.errors ?? 1) > 0 || (findPath(g, PROXY)?.errors ?? 1) > 0);
  return broken || memory instanceof Error || memory.errors > 0;
}

/** "MET" when the proxy is faster than ccr at every first/last-byte p50/p99 and has more throughput, at every body and load. */
function compareWithCcr(groups: Group[]): string {
  const misses: string[] = [];
  for (const group of groups) {
    const proxy = findPath(group, PROXY);
    const ccr = findPath(group, CCR);
    if (!proxy || !ccr) return 'n/a (claude-code-router not measured)';
    const where = `${group.body}/${group.clients}c`;
    for (const edge of ['first', 'last'] as const) {
      for (const key of ['p50', 'p99'] as const) if (!(proxy[edge][key] < ccr[edge][key])) misses.push(`${where} ${edge} ${key}`);
    }
    if (!(proxy.perSecond > ccr.perSecond)) misses.push(`${where} req/s`);
  }
  return misses.length === 0 ? 'MET' : `MISSED (${misses.join(', ')})`;
}

function printProfile(bench: ProxyBench): void {
  const { profile } = bench;
  if (profile === null) return;
  if (profile instanceof Error) return console.log(`  CPU profile: FAILED: ${profile.message}`);
  console.log(
    `\n  CPU profile of the proxy (node --cpu-prof) over ${num(profile.requests)} requests at load: ${num(profile.busyMs)} ms busy, ${num(profile.idleMs)} ms idle; top self time:`,
  );
  const rows = profile.top.map((entry) => [entry.name, `${num(entry.ms)} ms`, `${num(100 * entry.share, 1)}%`, entry.where]);
  console.log(table(['function', 'self', 'of busy', 'where'], rows));
  console.log(`  profile: ${profile.file}`);
}
