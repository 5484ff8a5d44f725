// Your own demand in a ledger that also holds an experiment: the arms' use left out, since next month will not repeat it (pure).
import type { ReportWindow } from '../../ledger/index.js';
import type { EverydayLedger } from '../metrics/build-everyday-calibration.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import { findBaseProvider } from '../usage/account-keys.js';

export type ArmSpan = Pick<ReportWindow, 'provider' | 'started_at' | 'ended_at' | 'completed_at'>;

/**
 * The ledger less the experiment's use: proxy rows tagged with a window (an arm, or its before/after probes), and any
 * OpenTelemetry row or reading of the same account inside an arm's span (from its before snapshot to its after one: an
 * agent's own export carries no window). Use of that account at the same minutes by hand is left out with it: a
 * runner's arm holds the subscription for its span. The bars keep every reading (the arms moved them: they still size
 * the plan); only the demand replayed is narrowed. `left_out` counts the uses taken away.
 */
export function selectEverydayDemand(
  ledger: EverydayLedger,
  arms: readonly ArmSpan[],
  account: (provider: string) => string,
): { ledger: EverydayLedger; left_out: number } {
  const inArm = createArmTest(arms, account);
  const telemetry = ledger.telemetry.filter((row) => !row.window_id && !inArm(nameBackendProvider(row.backend_provider), row.timestamp));
  const otel = ledger.otel.filter((row) => !inArm(row.provider, row.occurred_at));
  const readings = ledger.readings.filter((reading) => reading.tokens == null || !inArm(reading.provider, reading.captured_at));
  const counted = (rows: readonly { prompt_tokens?: number | null }[]) => rows.filter((row) => row.prompt_tokens != null).length;
  const left_out =
    counted(ledger.telemetry) - counted(telemetry) + (ledger.otel.length - otel.length) + (ledger.readings.length - readings.length);
  return { ledger: { ...ledger, telemetry, otel, readings }, left_out };
}

/** Whether an instant of an account falls in one of its arms: each account's spans sorted, found by binary search. */
function createArmTest(arms: readonly ArmSpan[], account: (provider: string) => string): (provider: string, at: string) => boolean {
  const byAccount = new Map<string, { start: number; end: number }[]>();
  for (const arm of arms) {
    const start = Date.parse(arm.started_at ?? '');
    const end = Date.parse(arm.ended_at ?? arm.completed_at);
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    // By provider: an arm's window names no account, and spans of two accounts of one provider are left out alike.
    const list = byAccount.get(findBaseProvider(account(arm.provider))) ?? [];
    list.push({ start, end });
    byAccount.set(findBaseProvider(account(arm.provider)), list);
  }
  // Merged, so the span starting last at or before an instant is the only one that can hold it.
  const merged = new Map<string, { start: number; end: number }[]>();
  for (const [who, list] of byAccount) {
    list.sort((a, b) => a.start - b.start);
    const out: { start: number; end: number }[] = [];
    for (const span of list) {
      const last = out.at(-1);
      if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
      else out.push({ ...span });
    }
    merged.set(who, out);
  }
  return (provider, at) => {
    const spans = merged.get(findBaseProvider(account(provider)));
    const ms = Date.parse(at);
    if (!spans || !Number.isFinite(ms)) return false;
    let [low, high] = [0, spans.length - 1];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((spans[middle] as { start: number }).start <= ms) low = middle;
      else high = middle - 1;
    }
    const span = spans[low] as { start: number; end: number };
    return ms >= span.start && ms <= span.end;
  };
}
