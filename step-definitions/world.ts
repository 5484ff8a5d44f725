// The World of the Gherkin specs: runs the built `tracker` CLI in a temp data dir, as a user would.
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { execa } from 'execa';
import { createScenarioDatabase } from './pg-cluster.js';
import { runInProcess } from './run-in-process.js';
import { ScenarioStops } from './scenario-stops.js';
import { LEDGER_FILES, type LedgerFile, locateLedgerFile } from '../ledger/index.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TRACKER_BIN = join(REPO_ROOT, 'dist/cli/tracker.js');
export const EXPERIMENT_BIN = join(REPO_ROOT, 'dist/cli/experiment.js');
export const EXAMPLES_DIR = join(REPO_ROOT, 'docs/examples');

export interface CliResult {
  command: string;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class TrackerWorld extends World {
  readonly workDir: string;
  readonly dataDir: string;
  readonly results: CliResult[] = [];
  /** Failed runs no step has asserted on yet: the After hook fails the scenario if any is left. */
  private readonly unchecked = new Set<CliResult>();
  private savedBytes: Map<string, Buffer> | null = null;
  /** Whether commands run as processes of their own (scenarios tagged @spawn) or inside this one (run-in-process.ts). */
  spawnsProcesses = false;
  /** The scenario's own PostgreSQL database, when the profile runs the specs against that backend (hooks.ts). */
  ledgerUrl: string | null = null;
  /** What steps started (a background run, a viewer, a server) and the commands still running: cleanUp stops them first. */
  private readonly stops = new ScenarioStops();

  constructor(options: IWorldOptions) {
    super(options);
    this.workDir = mkdtempSync(join(tmpdir(), 'tracker-spec-'));
    this.dataDir = join(this.workDir, 'data');
    cpSync(EXAMPLES_DIR, this.workDir, { recursive: true });
  }

  get last(): CliResult {
    const result = this.results.at(-1);
    if (!result) throw new Error('no tracker command has run in this scenario yet');
    return result;
  }

  /** Runs `experiment ARGS` with the scenario's data dir. */
  async runExperiment(args: string[]): Promise<CliResult> {
    return this.runTracker(['experiment', ...args]);
  }

  /**
   * Runs `tracker ARGS` (or `experiment ARGS` when the first word says so) with the scenario's data dir; `input` is piped
   * to stdin. With `killAfterMs` it runs as a process of its own, killed if it is still running then (a hang is a failure
   * the scenario can assert on, not a spec run that never ends).
   */
  async runTracker(
    args: string[],
    options: {
      input?: string | Buffer;
      slowly?: boolean;
      agent?: string;
      env?: Record<string, string>;
      cwd?: string;
      killAfterMs?: number;
    } = {},
  ): Promise<CliResult> {
    const cwd = options.cwd === undefined ? this.workDir : join(this.workDir, options.cwd);
    // No login of the machine's (a developer's own Claude Code or Codex) may name a plan in a scenario: their dirs
    // point into the scenario, unless a step gives a HOME of the scenario's own (real ccusage reads CLAUDE_CONFIG_DIR
    // before HOME, and found no transcript there).
    const logins: Record<string, string> =
      options.env?.HOME === undefined
        ? { CLAUDE_CONFIG_DIR: join(this.workDir, 'claude-config'), CODEX_HOME: join(this.workDir, 'codex-home') }
        : {};
    const env: Record<string, string> = { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC', ...logins, ...this.ledgerEnv(), ...options.env };
    if (options.agent) env.AGENT_ID = options.agent;
    const bin = args[0] === 'experiment' ? EXPERIMENT_BIN : TRACKER_BIN;
    const binArgs = bin === EXPERIMENT_BIN ? args.slice(1) : args;
    const command = `${bin === EXPERIMENT_BIN ? '' : 'tracker '}${args.join(' ')}`;
    if (!this.spawnsProcesses && !options.slowly && options.killAfterMs === undefined) {
      const name = bin === EXPERIMENT_BIN ? 'experiment' : 'tracker';
      const ran = await runInProcess({ bin: name, args: binArgs, env, cwd, input: options.input });
      return this.keep({ command, ...ran });
    }
    const running = execa(process.execPath, [bin, ...binArgs], {
      cwd,
      env,
      extendEnv: true,
      reject: false,
      stripFinalNewline: false,
      ...(options.killAfterMs === undefined ? {} : { timeout: options.killAfterMs }),
      ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.slowly ? trickle(options.input) : options.input }),
    });
    this.stops.running.add(running);
    const child = await running.finally(() => this.stops.running.delete(running));
    return this.keep({
      command,
      exitCode: child.exitCode ?? -1,
      stdout: String(child.stdout),
      stderr: child.timedOut ? `${String(child.stderr)}(still running after ${options.killAfterMs} ms: killed)\n` : String(child.stderr),
    });
  }

  /** Runs a bash script with scripts/tracker-aliases.sh (or another copy of it) sourced, in the scenario's working directory. */
  async runShell(
    script: string,
    env: Record<string, string> = {},
    aliases = join(REPO_ROOT, 'scripts/tracker-aliases.sh'),
  ): Promise<CliResult> {
    const child = await execa('bash', ['-c', `source ${JSON.stringify(aliases)}\n${script}`], {
      cwd: this.workDir,
      env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC', ...this.ledgerEnv(), ...env },
      extendEnv: true,
      reject: false,
      stdin: 'ignore',
    });
    return this.keep({
      command: `bash: ${script}`,
      exitCode: child.exitCode ?? -1,
      stdout: String(child.stdout),
      stderr: String(child.stderr),
    });
  }

  /** Runs a program in the project's own directory (npx resolves the package's bins there). */
  async runInProject(file: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
    const child = await execa(file, args, { cwd: REPO_ROOT, env, extendEnv: true, reject: false, stdin: 'ignore' });
    return this.keep({
      command: `${file} ${args.join(' ')}`,
      exitCode: child.exitCode ?? -1,
      stdout: String(child.stdout),
      stderr: String(child.stderr),
    });
  }

  private keep(result: CliResult): CliResult {
    this.results.push(result);
    if (result.exitCode !== 0) this.unchecked.add(result);
    return result;
  }

  /** The first failed run that no step checked, if any. */
  get uncheckedFailure(): CliResult | null {
    return this.unchecked.values().next().value ?? null;
  }

  /** Marks failures as seen by a step that asserted on them. */
  markChecked(results: CliResult[] = this.results): void {
    for (const result of results) this.unchecked.delete(result);
  }

  /** Asserts the last run failed and marks its failure as checked. */
  expectFailure(): CliResult {
    const result = this.last;
    if (result.exitCode === 0) throw new Error(`expected \`${result.command}\` to fail, but it exited 0:\n${result.stdout}`);
    this.markChecked([result]);
    return result;
  }

  expectSuccess(): CliResult {
    const result = this.last;
    if (result.exitCode !== 0) throw new Error(`\`${result.command}\` exited ${result.exitCode}:\n${result.stderr}`);
    return result;
  }

  /** A new empty database on the run's PostgreSQL test cluster. */
  createDatabase(): string {
    return createScenarioDatabase();
  }

  /** TRACKER_LEDGER_URL for the scenario's database, when there is one. */
  ledgerEnv(): Record<string, string> {
    return this.ledgerUrl === null ? {} : { TRACKER_LEDGER_URL: this.ledgerUrl };
  }

  /** A ledger file to read: with PostgreSQL, the data dir's local copy of it, brought up to date first. */
  ledgerFile(name: string): string {
    if (this.ledgerUrl === null) return join(this.dataDir, name);
    return this.withLedgerEnv(() => locateLedgerFile(this.dataDir, name as LedgerFile));
  }

  /**
   * Runs `read` with TRACKER_LEDGER_URL set as a command of the scenario would have it. Not bindPostgresLedger: a
   * binding outlives the call in this process and would follow the in-process commands (run-in-process.ts).
   */
  withLedgerEnv<T>(read: () => T): T {
    if (this.ledgerUrl === null) return read();
    const saved = process.env.TRACKER_LEDGER_URL;
    process.env.TRACKER_LEDGER_URL = this.ledgerUrl;
    try {
      return read();
    } finally {
      if (saved === undefined) delete process.env.TRACKER_LEDGER_URL;
      else process.env.TRACKER_LEDGER_URL = saved;
    }
  }

  readRows(name: string): Record<string, unknown>[] {
    const path = this.ledgerFile(name);
    if (!existsSync(path)) return [];
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  rejects(): string[] {
    const dir = join(this.dataDir, 'rejects');
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  }

  /** Remembers the bytes of every ledger file, to prove later that nothing changed. */
  saveLedgerBytes(): void {
    this.savedBytes = this.readLedgerBytes();
  }

  changedLedgerFiles(): string[] {
    if (!this.savedBytes) throw new Error('saveLedgerBytes() was not called in this scenario');
    const now = this.readLedgerBytes();
    const saved = this.savedBytes;
    const names = new Set([...saved.keys(), ...now.keys()]);
    return [...names].filter((name) => {
      const before = saved.get(name);
      const after = now.get(name);
      return !before || !after || !before.equals(after);
    });
  }

  /** Asserts the first `count` lines of a ledger file are byte-for-byte what they were when noted. */
  expectLinesKept(name: string, count: number): void {
    const before = this.savedBytes?.get(name);
    if (!before) throw new Error(`the bytes of ${name} were not noted earlier in this scenario`);
    let end = 0;
    for (let line = 0; line < count; line += 1) {
      const newline = before.indexOf(0x0a, end);
      if (newline === -1) throw new Error(`${name} had fewer than ${count} complete lines when noted`);
      end = newline + 1;
    }
    const now = readFileSync(this.ledgerFile(name));
    if (!now.subarray(0, end).equals(before.subarray(0, end))) throw new Error(`the first ${count} lines of ${name} changed`);
  }

  /** Asserts a ledger file still begins with every byte it had when noted (appends only). */
  expectPrefixKept(name: string): void {
    const before = this.savedBytes?.get(name);
    if (!before) throw new Error(`the bytes of ${name} were not noted earlier in this scenario`);
    const now = readFileSync(this.ledgerFile(name));
    if (!now.subarray(0, before.length).equals(before)) throw new Error(`${name} no longer starts with the bytes it had`);
  }

  private readLedgerBytes(): Map<string, Buffer> {
    const bytes = new Map<string, Buffer>();
    if (!existsSync(this.dataDir)) return bytes;
    if (this.ledgerUrl !== null) {
      for (const name of Object.values(LEDGER_FILES)) bytes.set(name, readFileSync(this.ledgerFile(name)));
    }
    for (const name of readdirSync(this.dataDir)) {
      if (name.endsWith('.jsonl') || name.endsWith('.csv')) bytes.set(name, readFileSync(join(this.dataDir, name)));
    }
    return bytes;
  }

  /**
   * Registers how to stop something a step started; `cleanUp` awaits it, the latest first, before the folder goes. It
   * is told whether the scenario failed (a browser then logs what its page showed).
   */
  addStop(stop: (failed: boolean) => unknown): void {
    this.stops.add(stop);
  }

  /**
   * Stops what the steps started, then removes the scenario's folder (unless `keep`), whatever a stop did. One hook
   * does both in this order: cucumber-js runs After hooks in the reverse order of their files' loading, so a hook of
   * its own per file let the folder go while a background run still wrote into it (rmdir ENOTEMPTY in CI at 9ce85a1).
   * A process still writing there (a killed one's children, a sandbox being reclaimed) makes rmdir fail with ENOTEMPTY
   * too: Node retries it (fs.rmSync's maxRetries, for EBUSY, EMFILE, ENFILE, ENOTEMPTY and EPERM), waiting 0.2 s
   * longer each time, 11 s in all.
   */
  async cleanUp({ failed, keep }: { failed: boolean; keep: boolean }): Promise<void> {
    let failures: unknown[] = [];
    try {
      failures = await this.stops.stopAll(failed);
    } finally {
      if (!keep) rmSync(this.workDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of the scenario's processes did not stop cleanly`);
  }
}

/** Input that arrives in pieces with pauses, as from a slow pipe or a person pasting. */
function trickle(input: string | Buffer): Readable {
  const bytes = Buffer.from(input);
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < bytes.length; offset += 64) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        yield bytes.subarray(offset, offset + 64);
      }
    })(),
  );
}

setWorldConstructor(TrackerWorld);
