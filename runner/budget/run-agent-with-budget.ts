// Runs an agent process in its own process group and watches its event stream: a block-mode budget crossed or the
// timeout stops the whole group (SIGTERM, then SIGKILL); when the agent exits, whatever it left running is killed.
import { createInterface } from 'node:readline';
import { AppError } from '../../kernel/index.js';
import { createGroupSignaller, trackProcessGroup } from '../process-groups.js';
import { listUsageReaders } from '../drivers/agent-clis.js';
import {
  addUsage,
  createAgentUsageReader,
  ZERO_USAGE,
  type BudgetEvent,
  type BudgetTracker,
  type ChargeContext,
  type UsageDelta,
} from '../../budget/index.js';

export interface AgentRun {
  file: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** Removes what outlives the agent's process group (a podman container), once the agent ended or was killed. */
  cleanup?: { file: string; args: string[] } | undefined;
  /** What the agent's usage is charged to. */
  context: ChargeContext;
  tracker: BudgetTracker;
  /** After SIGTERM, how long the agent may take to exit before SIGKILL. */
  graceMs: number;
  /** Kill the agent after this long; 0 for no limit. */
  timeoutMs?: number;
  onEvent?: (event: BudgetEvent) => void;
  /** Each line the agent printed on stdout (its event stream). */
  onLine?: (line: string) => void;
  /** The agent's usage so far, each time its events add to it. */
  onUsage?: (usage: UsageDelta) => void;
}

/** The window outcomes of the ledger a run can end in. */
export type AgentOutcome = 'success' | 'fail' | 'budget-exceeded' | 'timed-out' | 'crashed';

export interface AgentResult {
  outcome: AgentOutcome;
  exitCode: number | null;
  signal: string | null;
  /** Usage read from the agent's own events (each token once). */
  usage: UsageDelta;
  events: BudgetEvent[];
  stoppedBy: BudgetEvent | null;
  stderrTail: string;
}

export async function runAgentWithBudget(run: AgentRun): Promise<AgentResult> {
  // A block budget already spent: the agent is not started at all.
  const spent = run.tracker.checkBlocked(run.context);
  if (spent) {
    const refused: BudgetEvent = { ...spent, type: 'refused', detail: 'the agent was not started: the budget was already spent' };
    run.onEvent?.(refused);
    return {
      outcome: 'budget-exceeded',
      exitCode: null,
      signal: null,
      usage: { ...ZERO_USAGE },
      events: [refused],
      stoppedBy: refused,
      stderrTail: '',
    };
  }
  const { execa } = await import('execa');
  // Its own process group (detached): a timeout or a stop reaches everything the agent started, and so does the
  // final SIGKILL, or a background child holding stdout open would keep the run (and execa) waiting long after the agent.
  const child = execa(run.file, run.args, {
    cwd: run.cwd,
    env: run.env,
    extendEnv: run.env === undefined,
    reject: false,
    stdin: 'ignore',
    buffer: { stdout: false, stderr: true },
    detached: true,
  });
  const pid = child.pid;
  const untrack = pid === undefined ? () => undefined : trackProcessGroup(pid, run.cleanup);
  const group = createGroupSignaller(pid);
  let graceTimer: NodeJS.Timeout | undefined;
  /** SIGTERM to the whole group, SIGKILL after graceMs (the group's SIGKILL at exit comes first if the agent exits before). */
  const stop = (): void => {
    if (group.hasExited() || graceTimer) return;
    group.signal('SIGTERM');
    graceTimer = setTimeout(() => group.signal('SIGKILL'), run.graceMs);
  };
  let timedOut = false;
  const timeoutTimer =
    run.timeoutMs && run.timeoutMs > 0
      ? setTimeout(() => {
          if (group.hasExited()) return; // it ended in time; only its output is still being read
          timedOut = true;
          stop();
        }, run.timeoutMs)
      : undefined;
  // The agent is gone (for any reason): nothing it started may outlive it, nor keep its pipes open.
  child.once('exit', () => group.onExit());
  const reader = createAgentUsageReader({ streams: listUsageReaders(), defaultModel: run.context.model });
  const events: BudgetEvent[] = [];
  let usage: UsageDelta = { ...ZERO_USAGE };
  let stoppedBy: BudgetEvent | null = null;
  const note = (event: BudgetEvent): void => {
    events.push(event);
    run.onEvent?.(event);
  };
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream, crlfDelay: Infinity });
  lines.on('line', (line) => {
    run.onLine?.(line);
    const read = reader.read(line);
    if (!read) return;
    usage = addUsage(usage, read.delta);
    run.onUsage?.(usage);
    const context = { ...run.context, model: read.model ?? run.context.model };
    for (const event of run.tracker.charge(context, read.delta)) note(event);
    if (stoppedBy) return;
    const spent = run.tracker.checkBlocked(context);
    if (!spent) return;
    stoppedBy = { ...spent, type: 'stopped', detail: `stopped the agent (SIGTERM, SIGKILL after ${run.graceMs} ms)` };
    note(stoppedBy);
    stop();
  });
  let result: Awaited<typeof child>;
  try {
    result = await child;
  } finally {
    clearTimeout(timeoutTimer);
    clearTimeout(graceTimer);
    group.signal('SIGKILL'); // 'exit' never came (a spawn that failed has no group: nothing happens)
    untrack();
    lines.close();
  }
  if (result.failed && (result as { code?: string }).code === 'ENOENT') {
    throw new AppError('NOT_FOUND', `cannot start ${run.file}: no such program (is it installed and on PATH?)`, { where: 'agent command' });
  }
  const stderrTail = String(result.stderr ?? '')
    .split('\n')
    .filter(Boolean)
    .slice(-5)
    .join('\n');
  return {
    outcome: decideOutcome(result, stoppedBy !== null, timedOut),
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    usage,
    events,
    stoppedBy,
    stderrTail,
  };
}

function decideOutcome(result: { exitCode?: number; signal?: string }, stopped: boolean, timedOut: boolean): AgentOutcome {
  if (stopped) return 'budget-exceeded';
  if (timedOut) return 'timed-out';
  if (result.signal || result.exitCode === undefined) return 'crashed';
  return result.exitCode === 0 ? 'success' : 'fail';
}
