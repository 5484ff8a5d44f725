// Prints the overshoot part: the distribution over runs of what was produced past each run's block limit, from three vantage points.
import type { OvershootResult, OvershootRun } from './budget-overshoot.js';
import { num, table } from './format-report.js';
import { pickPercentile } from './latency-stats.js';
import { readScriptShape } from './upstream-log.js';

/** Prints it; true when a part broke or a run failed (refused, errored, not cut). */
export function printOvershoot(result: OvershootResult | Error): boolean {
  if (result instanceof Error) {
    console.log(`  overshoot: FAILED: ${result.stack ?? result.message}`);
    return true;
  }
  const { plan, runs } = result;
  const shape = readScriptShape(plan.script);
  const tokensPerEvent = shape.outputTokens / shape.events;
  console.log(
    `  overshoot: ${num(runs.length)} runs, ${plan.parallel} at a time, against \`tracker model-server --script ${plan.script}\` (${num(shape.outputTokens)} output tokens in ${num(shape.events)} deltas, ` +
      `${shape.chunkDelayMs} ms apart: ${num(tokensPerEvent, 1)} tokens an event),`,
  );
  console.log(
    `  one proxy with --budget-metric output --budget-mode block and one --agent-budget runK=N per run (N uniform in ${num(plan.minLimit)}..${num(plan.maxLimit)}, seed ${plan.seed}), run K sent as x-tracker-agent: runK; ${num(result.wallMs / 1000, 1)} s`,
  );
  console.log(
    "  overshoot = output past N: produced = the scripted server's own count of what it wrote before it saw the abort (sent_out= of its log line);",
  );
  console.log(
    "  delivered = text of the content_block_delta events the client got before the proxy's closing events, / 4; recorded = the proxy's telemetry completion_tokens − N\n",
  );
  const ok = runs.filter((run) => run.error === null && run.status === 200);
  const cut = ok.filter((run) => run.stopReason === 'max_tokens' && run.endedWithStop);
  const views: [string, (run: OvershootRun) => number | null][] = [
    ['produced (upstream)', (run) => (run.upstream ? run.upstream.output_tokens_sent - run.limit : null)],
    ['delivered (client)', (run) => run.tokens - run.limit],
    ['recorded (telemetry)', (run) => (run.telemetryTokens === null ? null : run.telemetryTokens - run.limit)],
  ];
  const rows = views.map(([label, pick]) => {
    const values = cut.map(pick).filter((value): value is number => value !== null);
    const stat = (q: number): number => pickPercentile(values, q);
    const both = (value: number): string => (Number.isFinite(value) ? `${num(value)} (${num(value / tokensPerEvent, 1)})` : 'n/a');
    const within = values.filter((value) => value <= tokensPerEvent).length;
    return [
      label,
      num(values.length),
      both(Math.min(...values)),
      both(stat(0.5)),
      both(stat(0.9)),
      both(stat(0.99)),
      both(Math.max(...values)),
      `${num(within)} of ${num(values.length)}`,
    ];
  });
  console.log(table(['overshoot, tokens (events)', 'runs', 'min', 'p50', 'p90', 'p99', 'max', 'within N + 1 event'], rows));
  console.log('');
  const late = cut.filter((run) => run.upstream !== null && run.upstream.content_deltas_sent > run.deltas);
  const outcomes = countBy(ok.map((run) => run.upstream?.outcome ?? 'no upstream record'));
  const rowMismatch = cut.filter((run) => (run.recordedOvershoot ?? 0) !== Math.max(0, (run.telemetryTokens ?? 0) - run.limit));
  const claimMismatch = cut.filter((run) => run.claimedTokens !== run.tokens);
  console.log(
    `  runs: ${num(runs.length)}; answered 200: ${num(ok.length)}; cut with a clean max_tokens end: ${num(cut.length)}; refused or failed: ${num(runs.length - ok.length)}${firstError(runs)}`,
  );
  console.log(
    `  upstream outcomes: ${Object.entries(outcomes)
      .map(([name, count]) => `${name} ${count}`)
      .join(
        ', ',
      )}; runs where the upstream wrote more deltas than the client got: ${num(late.length)} (max ${num(Math.max(0, ...late.map((run) => (run.upstream?.content_deltas_sent ?? 0) - run.deltas)))} events)`,
  );
  console.log(
    `  budget_events: overshoot rows ${num(cut.filter((run) => run.recordedOvershoot !== null).length)} (rows disagreeing with telemetry − N: ${num(rowMismatch.length)}), cut rows ${num(cut.filter((run) => run.events.includes('cut')).length)}, refused rows ${num(runs.filter((run) => run.events.includes('refused')).length)}, rows about other budgets ${num(result.strayEvents)}; ` +
      `closing message_delta output_tokens ≠ delivered: ${num(claimMismatch.length)} runs`,
  );
  const charged = cut.filter((run) => run.charged !== null);
  const chargedPast = charged.filter((run) => (run.charged ?? 0) > run.limit);
  console.log(
    `  charged (the budget's own total, the most its events' used say, cut rows aside): past N in ${num(chargedPast.length)} of ${num(charged.length)} runs${chargedPast.length > 0 ? `, worst +${num(Math.max(...chargedPast.map((run) => (run.charged ?? 0) - run.limit)))}` : ''} (a block budget is charged what the log records: the overshoot rows say what passed N)`,
  );
  const produced = cut.map((run) => (run.upstream ? run.upstream.output_tokens_sent - run.limit : Number.POSITIVE_INFINITY));
  const within = produced.filter((value) => value <= tokensPerEvent).length;
  const worst = Math.max(...produced);
  console.log(
    `  Target: overshoot in block mode measured over ${num(plan.runs)} runs, reported as a distribution: ${cut.length === plan.runs ? 'MET' : `MISSED (${num(cut.length)} usable runs)`} (table above)`,
  );
  console.log(
    `  within N + one event as produced upstream (what a provider would bill): ${num(within)} of ${num(cut.length)} runs, worst ${Number.isFinite(worst) ? `${num(worst)} tokens (${num(worst / tokensPerEvent, 1)} events)` : 'n/a'} (no target in the issue; the design's aim)`,
  );
  printWorst(cut);
  return ok.length !== runs.length || cut.length !== ok.length;
}

function printWorst(runs: OvershootRun[]): void {
  const produced = (run: OvershootRun): number => (run.upstream ? run.upstream.output_tokens_sent - run.limit : Number.POSITIVE_INFINITY);
  const worst = [...runs].sort((a, b) => produced(b) - produced(a) || b.tokens - b.limit - (a.tokens - a.limit)).slice(0, 5);
  if (worst.length === 0) return;
  console.log('\n  the 5 runs with the largest produced overshoot:');
  const rows = worst.map((run) => [
    `run${run.run}`,
    num(run.limit),
    run.upstream ? `${num(run.upstream.output_tokens_sent)} (${run.upstream.content_deltas_sent} deltas, ${run.upstream.outcome})` : 'n/a',
    `${num(run.tokens)} (${run.deltas} deltas)`,
    run.telemetryTokens === null ? 'n/a' : num(run.telemetryTokens),
    run.recordedOvershoot === null ? '-' : num(run.recordedOvershoot),
    `${num(run.ms)} ms`,
  ]);
  console.log(table(['run', 'N', 'produced', 'delivered', 'telemetry', 'overshoot row', 'client time'], rows));
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function firstError(runs: OvershootRun[]): string {
  const failed = runs.find((run) => run.error !== null || run.status !== 200);
  return failed ? ` (first: run${failed.run} N=${failed.limit}: ${failed.error ?? `HTTP ${failed.status}`})` : '';
}
