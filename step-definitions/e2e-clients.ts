// The @e2e bench: the real Claude Code, Codex and ccusage binaries (pinned, installed by scripts/fixtures/ensure-clients.sh
// into .clients/, never a dependency of the package), run against `tracker proxy` inside a loopback-only network namespace.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { formatResourceAttributes } from '../sources/agents/index.js';
import type { TrackerWorld } from './world.js';

export type ClientName = 'claude' | 'codex';

/** One run of a real client, kept for the Then steps. */
export interface ClientRun {
  client: ClientName;
  windowId: string;
  exitCode: number;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Parsed stdout lines (stream-json for Claude Code, `exec --json` events for Codex). */
  events: Record<string, unknown>[];
  cwd: string;
}

/** Per-scenario state of the e2e steps. */
export interface E2eState {
  home: string;
  codexHome: string;
  runs: ClientRun[];
  /** A client started in the background (the kill-mid-stream scenario). */
  background: ResultPromise | null;
  /** The clients' own OpenTelemetry export to the proxy, in this encoding; null: off (as the clients ship). */
  otel: 'json' | 'protobuf' | null;
}

const states = new WeakMap<TrackerWorld, E2eState>();

export function e2eOf(world: TrackerWorld): E2eState {
  let state = states.get(world);
  if (!state) {
    const home = join(world.workDir, 'home');
    const codexHome = join(home, '.codex');
    mkdirSync(codexHome, { recursive: true });
    state = { home, codexHome, runs: [], background: null, otel: null };
    states.set(world, state);
  }
  return state;
}

export function lastRun(world: TrackerWorld, client?: ClientName): ClientRun {
  const run = e2eOf(world)
    .runs.filter((r) => client === undefined || r.client === client)
    .at(-1);
  if (!run) throw new Error(`no real ${client ?? 'client'} has run in this scenario yet`);
  return run;
}

/** The folder holding the pinned client binaries (E2E_CLIENT_BIN, set by scripts/e2e/run-e2e.sh). */
export function clientBin(): string {
  const bin = process.env.E2E_CLIENT_BIN;
  if (!bin) throw new Error('E2E_CLIENT_BIN is not set: run the @e2e features through `npm run test:e2e` (scripts/e2e/run-e2e.sh)');
  return bin;
}

export function clientPath(name: ClientName | 'gemini' | 'ccusage'): string {
  const file = join(clientBin(), name);
  if (!existsSync(file)) throw new Error(`the real ${name} is not installed at ${file}: run scripts/fixtures/ensure-clients.sh`);
  return file;
}

/** Network interfaces other than loopback, from /proc/net/dev. */
export function nonLoopbackInterfaces(): string[] {
  const text = readFileSync('/proc/net/dev', 'utf8');
  return text
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0]?.trim() ?? '')
    .filter((name) => name !== '' && name !== 'lo');
}

/** Throws unless this process is in a network namespace whose only interface is loopback (and it is up). */
export function assertLoopbackOnly(): void {
  const others = nonLoopbackInterfaces();
  if (others.length > 0) {
    throw new Error(
      `refusing to start a real client: the network namespace has interfaces besides lo (${others.join(', ')}); run through scripts/e2e/run-e2e.sh (unshare -n)`,
    );
  }
  const flags = readFileSync('/sys/class/net/lo/flags', 'utf8').trim();
  if ((Number.parseInt(flags, 16) & 1) === 0)
    throw new Error('refusing to start a real client: lo is down in this namespace (ip link set lo up)');
}

/** The environment of an offline Claude Code: fresh HOME, the proxy as its API, no telemetry or updates. */
export function claudeEnv(world: TrackerWorld, proxyUrl: string, headers: Record<string, string>): Record<string, string> {
  const { home } = e2eOf(world);
  return {
    PATH: `${clientBin()}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    DISABLE_TELEMETRY: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
    DISABLE_AUTOUPDATER: '1',
    ANTHROPIC_BASE_URL: proxyUrl,
    ANTHROPIC_API_KEY: 'dummy',
    ANTHROPIC_CUSTOM_HEADERS: Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    ...claudeOtelEnv(world, proxyUrl, headers),
  };
}

/**
 * Claude Code's own OpenTelemetry to the proxy's /v1/logs and /v1/metrics, the window named on the resource (the
 * runner's settings: sources/agents/claude/index.ts). DISABLE_TELEMETRY=1 above does not stop it (PRODUCT.md section 6).
 */
function claudeOtelEnv(world: TrackerWorld, proxyUrl: string, headers: Record<string, string>): Record<string, string> {
  const protocol = e2eOf(world).otel;
  if (protocol === null) return {};
  return {
    CLAUDE_CODE_ENABLE_TELEMETRY: '1',
    OTEL_LOGS_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: `http/${protocol}`,
    OTEL_EXPORTER_OTLP_ENDPOINT: proxyUrl,
    OTEL_RESOURCE_ATTRIBUTES: formatResourceAttributes(headers),
  };
}

/** Codex's `[otel]` as -c flags: its logs to the proxy, the window in the exporter's own headers (Codex ignores OTEL_RESOURCE_ATTRIBUTES). */
function codexOtelArgs(world: TrackerWorld, proxyUrl: string, headers: Record<string, string>): string[] {
  const protocol = e2eOf(world).otel;
  if (protocol === null) return [];
  const otlpHeaders = Object.entries(headers)
    .map(([name, value]) => `${JSON.stringify(name)}=${JSON.stringify(value)}`)
    .join(',');
  const exporter = `{otlp-http={endpoint="${proxyUrl}/v1/logs",protocol="${protocol === 'json' ? 'json' : 'binary'}",headers={${otlpHeaders}}}}`;
  return ['-c', 'otel.log_user_prompt=false', '-c', `otel.exporter=${exporter}`, '-c', 'otel.metrics_exporter="none"'];
}

export function claudeArgs(prompt: string, extra: string[] = []): string[] {
  return ['-p', prompt, '--output-format', 'stream-json', '--verbose', ...extra];
}

/** Codex exec with a custom provider at the proxy (Responses API), attribution headers in `http_headers`. */
export function codexLaunch(
  world: TrackerWorld,
  proxyUrl: string,
  prompt: string,
  headers: Record<string, string>,
): { env: Record<string, string>; args: string[] } {
  const { home, codexHome } = e2eOf(world);
  const httpHeaders = Object.entries(headers)
    .map(([name, value]) => `${JSON.stringify(name)}=${JSON.stringify(value)}`)
    .join(',');
  const provider = `{name="tracker",base_url="${proxyUrl}/v1",wire_api="responses",env_key="OPENAI_API_KEY",http_headers={${httpHeaders}}}`;
  return {
    env: { PATH: `${clientBin()}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: home, CODEX_HOME: codexHome, OPENAI_API_KEY: 'dummy' },
    args: [
      'exec',
      '--json',
      '--skip-git-repo-check',
      '-c',
      'model_provider=tracker',
      '-c',
      `model_providers.tracker=${provider}`,
      '-c',
      'model=gpt-5-codex',
      '-c',
      'analytics.enabled=false',
      ...codexOtelArgs(world, proxyUrl, headers),
      '--disable',
      'plugins',
      '-s',
      codexSandboxMode(),
      prompt,
    ],
  };
}

/**
 * Codex's own workspace-write sandbox uses the system bwrap when /usr/bin/bwrap exists, and that fails on
 * these machines (root inside `unshare -n`): its shell commands then silently do nothing
 * (docs/product.md#codex-sandbox-and-bubblewrap; openai/codex#46246). The runner wraps Codex in its own bwrap
 * and passes danger-full-access; this harness runs the client directly, inside the test's loopback-only
 * namespace and temp folder, so it does the same.
 */
function codexSandboxMode(): string {
  return existsSync('/usr/bin/bwrap') ? 'danger-full-access' : 'workspace-write';
}

/** A fresh git work tree for one client run. */
export async function freshRepo(world: TrackerWorld, name: string): Promise<string> {
  const dir = join(world.workDir, name);
  mkdirSync(dir, { recursive: true });
  await execa('git', ['init', '-q'], { cwd: dir });
  return dir;
}

export function parseLines(text: string): Record<string, unknown>[] {
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** Starts a real client (after asserting the namespace) with a clean environment; does not wait. */
export function startClient(
  _world: TrackerWorld,
  client: ClientName,
  args: string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 150_000,
): ResultPromise {
  assertLoopbackOnly();
  return execa(clientPath(client), args, {
    cwd,
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
}

export async function finishClient(
  world: TrackerWorld,
  client: ClientName,
  windowId: string,
  cwd: string,
  child: ResultPromise,
): Promise<ClientRun> {
  const result = await child;
  const run: ClientRun = {
    client,
    windowId,
    exitCode: result.exitCode ?? -1,
    signal: result.signal ?? null,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
    events: parseLines(String(result.stdout)),
    cwd,
  };
  e2eOf(world).runs.push(run);
  return run;
}

/** Files under a folder, recursively (none when it does not exist). */
export function listFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map((name) => join(dir, String(name))) : [];
}

export interface Counts {
  input: number;
  output: number;
  cache_read: number;
  cache_creation: number;
}

export const ZERO: Counts = { input: 0, output: 0, cache_read: 0, cache_creation: 0 };

export function add(a: Counts, b: Counts): Counts {
  return {
    input: a.input + b.input,
    output: a.output + b.output,
    cache_read: a.cache_read + b.cache_read,
    cache_creation: a.cache_creation + b.cache_creation,
  };
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** Runs the real ccusage (offline, JSON) over the scenario's HOME / CODEX_HOME and returns its totals. */
export async function ccusageTotals(world: TrackerWorld, agent: ClientName | 'gemini'): Promise<{ counts: Counts; raw: unknown }> {
  assertLoopbackOnly();
  const { home, codexHome } = e2eOf(world);
  const result = await execa(clientPath('ccusage'), [agent, 'session', '--json', '--offline'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, CODEX_HOME: codexHome, TZ: 'UTC' },
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });
  if (result.exitCode !== 0) throw new Error(`ccusage ${agent} session exited ${result.exitCode}: ${String(result.stderr)}`);
  const raw = JSON.parse(String(result.stdout)) as { totals?: Record<string, unknown> };
  const t = raw.totals ?? {};
  return {
    counts: {
      input: num(t.inputTokens),
      output: num(t.outputTokens),
      cache_read: num(t.cacheReadTokens),
      cache_creation: num(t.cacheCreationTokens),
    },
    raw,
  };
}

export { num };
