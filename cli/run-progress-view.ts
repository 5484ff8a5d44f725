// Shows a run's progress: a live table of arms on a terminal, plain log lines otherwise.
import type { ArmJob, ArmResult, RunEvent } from '../runner/index.js';

export interface ProgressView {
  handle(event: RunEvent): void;
  close(): void;
}

interface Running {
  job: ArmJob;
  since: number;
  stage: string;
  tokens: number;
}

export function createProgressView(stream: NodeJS.WriteStream, options: { live: boolean }): ProgressView {
  const running = new Map<string, Running>();
  const finished: ArmResult[] = [];
  let total = 0;
  let doneBefore = 0;
  let drawn = 0;
  let timer: NodeJS.Timeout | null = null;
  const count = (): string => `[${String(doneBefore + finished.length).padStart(String(total).length)}/${total}]`;

  const draw = (): void => {
    const lines = [
      `${count()} arms done, ${running.size} running, ${Math.max(0, total - doneBefore - finished.length - running.size)} pending`,
    ];
    for (const arm of running.values()) {
      const seconds = ((performance.now() - arm.since) / 1000).toFixed(0).padStart(4);
      lines.push(`  running ${describeJob(arm.job)}  ${arm.stage.padEnd(7)} ${seconds}s  ${arm.tokens.toLocaleString('en-US')} tokens`);
    }
    for (const result of finished.slice(-5)) lines.push(`  done    ${describeResult(result)}`);
    // A line wider than the terminal would wrap and throw off the cursor moves of the next redraw.
    // A terminal that reports no size (0 columns, e.g. a fresh pty) gets 120.
    const width = Math.max(20, (stream.columns > 0 ? stream.columns : 120) - 1);
    stream.write(`${drawn > 0 ? `\x1b[${drawn}F\x1b[J` : ''}${lines.map((line) => line.slice(0, width)).join('\n')}\n`);
    drawn = lines.length;
  };

  return {
    handle(event) {
      switch (event.type) {
        case 'run-start':
          total = event.plan.arms.length;
          doneBefore = event.done;
          stream.write(
            `Plan ${event.plan.plan_id}: ${total} arms, ${event.done} already done, ${event.pending} to run${event.retracted.length > 0 ? `; retracted ${event.retracted.length} cut-short window(s): ${event.retracted.join(', ')}` : ''}${event.removedSandboxes > 0 ? `; removed ${event.removedSandboxes} sandbox(es) a killed run left` : ''}\n`,
          );
          if (options.live) timer = setInterval(draw, 250).unref();
          break;
        case 'arm-start':
          running.set(event.job.windowId, { job: event.job, since: performance.now(), stage: 'sandbox', tokens: 0 });
          if (!options.live) stream.write(`${count()} start ${describeJob(event.job)} (window ${event.job.windowId})\n`);
          break;
        case 'arm-activity': {
          const arm = running.get(event.job.windowId);
          if (arm) {
            arm.stage = event.activity.stage;
            if (event.activity.stage === 'agent') arm.tokens = event.activity.tokens;
          }
          break;
        }
        case 'arm-done':
          running.delete(event.job.windowId);
          finished.push(event.result);
          if (!options.live) stream.write(`${count()} done  ${describeResult(event.result)}\n`);
          break;
        case 'stop':
          stream.write(`stopping: ${event.reason}; no new arms are started\n`);
          drawn = 0;
          break;
        case 'run-end':
          if (timer) clearInterval(timer);
          if (options.live) draw();
          break;
      }
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
}

function describeJob(job: ArmJob): string {
  return `#${String(job.arm.arm_index + 1).padStart(3, '0')} p${job.arm.period} ${job.arm.task_id.padEnd(22)} ${job.arm.provider.padEnd(12)}${job.attempt > 1 ? ` (attempt ${job.attempt})` : ''}`;
}

export function describeResult(result: ArmResult): string {
  // A token-metered provider's capacity is tokens, never a percent (it printed "delta 3614%").
  const delta =
    result.capacity_delta === null
      ? 'n/a'
      : result.capacity_unit === 'tokens'
        ? `${result.capacity_delta.toLocaleString('en-US')} tokens`
        : `${result.capacity_delta}%`;
  return `#${String(result.arm_index + 1).padStart(3, '0')} p${result.period} ${result.task_id.padEnd(22)} ${result.provider.padEnd(12)} ${nameOutcome(result).padEnd(15)} quality ${result.quality.toFixed(2)}  delta ${delta}  tokens ${result.tokens.toLocaleString('en-US')}  ${(result.duration_ms / 1000).toFixed(1)}s`;
}

/**
 * The arm's outcome word: `infra-failure` for an arm that could not run (not scored, still pending) and `refused` for
 * one whose provider refused every request (its limit reached), so neither reads `fail` like a wrong solution.
 */
function nameOutcome(result: ArmResult): string {
  if (result.infra_failure) return 'infra-failure';
  if (result.provider_refusal) return 'refused';
  return result.outcome;
}
