// Shows budgets while a long command runs: one line per event always, live bars on a terminal.
import { renderBudgetBars, type BudgetEvent, type BudgetUsage } from '../budget/index.js';

export interface BudgetDisplay {
  onEvent(event: BudgetEvent): void;
  /** Writes a line of the command's own above the bars (every stderr line must go through here on a TTY). */
  log(line: string): void;
  stop(): void;
}

/** A line for an event: `budget command:/test: crossed 80% (800 of 1,000 output)`. */
export function describeBudgetEvent(event: BudgetEvent): string {
  const amounts = `${event.used} of ${event.limit} ${event.metric}`;
  const what: Record<BudgetEvent['type'], string> = {
    threshold: `crossed ${Math.round((event.threshold ?? 0) * 100)}% (${amounts})`,
    exceeded: `exceeded (${amounts}, ${event.mode} mode)`,
    refused: `refused a request (${amounts})`,
    cut: `cut a stream (${amounts})`,
    stopped: `stopped the agent (${amounts})`,
    overshoot: `${event.overshoot ?? 0} ${event.metric} used past its limit, charged (${amounts})`,
  };
  const who = [event.context.agent, event.context.command, event.context.window].filter(Boolean).join(' ');
  return `budget ${event.budget}: ${what[event.type]}${who ? ` [${who}]` : ''}`;
}

/**
 * On a TTY the bars are redrawn in place every second (with the rate per minute); elsewhere only the event
 * lines are written, so logs stay readable.
 */
export function startBudgetDisplay(read: () => BudgetUsage[], stream: NodeJS.WriteStream = process.stderr): BudgetDisplay {
  let drawn = 0;
  const history = new Map<string, { at: number; used: number }>();
  const erase = (): void => {
    if (drawn > 0) stream.write(`\x1b[${drawn}A\x1b[0J`);
    drawn = 0;
  };
  const draw = (): void => {
    const usage = read();
    const now = Date.now();
    const rates = new Map<string, number>();
    for (const { budget, used } of usage) {
      const before = history.get(budget.id);
      if (before && now > before.at) rates.set(budget.id, ((used - before.used) * 60_000) / (now - before.at));
      if (!before || now - before.at > 10_000) history.set(budget.id, { at: now, used });
    }
    erase();
    const lines = renderBudgetBars(usage, Math.min(stream.columns || 100, 120), rates);
    stream.write(lines.map((line) => `${line}\n`).join(''));
    drawn = lines.length;
  };
  const timer = stream.isTTY ? setInterval(draw, 1000) : null;
  timer?.unref();
  const log = (line: string): void => {
    if (stream.isTTY) erase();
    stream.write(line.endsWith('\n') ? line : `${line}\n`);
    if (stream.isTTY) draw();
  };
  return {
    onEvent(event) {
      log(describeBudgetEvent(event));
    },
    log,
    stop() {
      if (timer) clearInterval(timer);
      if (stream.isTTY) draw();
    },
  };
}
