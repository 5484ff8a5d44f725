// Runs `tracker` or `experiment` inside the spec's own process, as the bin would run it: the same argv, environment,
// working directory and stdin, with stdout, stderr and the exit code captured (spawning a CLI cost 99.6% of
// the invariants' step time). Scenarios that need a real process (signals, locks, pipes, servers) are tagged @spawn.
// What a module keeps between calls outlives a command here: a `--ledger` binding (ledger/pg/ledger-binding.ts) stays
// for the worker's life, so a scenario that passes `--ledger` is tagged @spawn (none does today; steps set
// TRACKER_LEDGER_URL). SPEC_SPAWN=1 runs every scenario with spawned commands, to check both ways agree.
import { Readable } from 'node:stream';
import { runExperiment } from '../cli/run-experiment.js';
import { runTracker } from '../cli/run-tracker.js';

export interface InProcessRun {
  bin: 'tracker' | 'experiment';
  args: string[];
  env: Record<string, string>;
  cwd: string;
  input?: string | Buffer;
}

export interface InProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Thrown in place of process.exit, so the run ends where the bin's process would have. */
class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

type Write = typeof process.stdout.write;

/** One process has one environment, directory and stdout: two runs at once would see each other's. */
let running: string | null = null;

/** Runs one command to its end; the process's environment, directory, streams and exit state are restored after. */
export async function runInProcess(run: InProcessRun): Promise<InProcessResult> {
  if (running !== null) {
    throw new Error(`\`${run.bin} ${run.args.join(' ')}\` started while \`${running}\` runs in this process: tag the scenario @spawn`);
  }
  running = `${run.bin} ${run.args.join(' ')}`;
  const saved = { env: { ...process.env }, cwd: process.cwd(), exit: process.exit, exitCode: process.exitCode };
  const stdinDescriptor = Object.getOwnPropertyDescriptor(process, 'stdin');
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  let exitCode: number;
  const restoreStdout = captureWrites(process.stdout, stdout);
  const restoreStderr = captureWrites(process.stderr, stderr);
  try {
    replaceEnv({ ...saved.env, ...run.env });
    process.chdir(run.cwd);
    process.exitCode = undefined;
    // A closed stdin, as the spawned bin gets with `stdin: 'ignore'`, or the scenario's input.
    Object.defineProperty(process, 'stdin', { value: createStdin(run.input), configurable: true, writable: true });
    process.exit = ((code?: number) => {
      throw new ExitCalled(code ?? Number(process.exitCode ?? 0));
    }) as typeof process.exit;
    await (run.bin === 'tracker' ? runTracker(run.args) : runExperiment(run.args));
    exitCode = Number(process.exitCode ?? 0);
  } catch (error) {
    if (!(error instanceof ExitCalled)) throw error;
    exitCode = error.code;
  } finally {
    restoreStdout();
    restoreStderr();
    if (stdinDescriptor) Object.defineProperty(process, 'stdin', stdinDescriptor);
    process.exit = saved.exit;
    process.exitCode = saved.exitCode;
    process.chdir(saved.cwd);
    replaceEnv(saved.env);
    running = null;
  }
  return { exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
}

/** Sets process.env to exactly `env` in place (Node reads TZ and the rest from the live object). */
function replaceEnv(env: NodeJS.ProcessEnv): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined && process.env[key] !== value) process.env[key] = value;
}

function captureWrites(stream: NodeJS.WriteStream, into: Buffer[]): () => void {
  const original = stream.write;
  // Captured output is a pipe to the command, as a spawned bin's is: never a terminal, whatever this process runs in
  // (`npm test` typed into one).
  const tty = Object.getOwnPropertyDescriptor(stream, 'isTTY');
  Object.defineProperty(stream, 'isTTY', { value: false, configurable: true, writable: true });
  stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), done?: () => void) => {
    into.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    const callback = typeof encoding === 'function' ? encoding : done;
    if (callback) process.nextTick(callback);
    return true;
  }) as Write;
  return () => {
    stream.write = original;
    if (tty) Object.defineProperty(stream, 'isTTY', tty);
    else delete (stream as { isTTY?: boolean }).isTTY;
  };
}

function createStdin(input: string | Buffer | undefined): Readable {
  return Readable.from(input === undefined ? [] : [Buffer.from(input)]);
}
