// Your own demand in a ledger that also holds an experiment: the arms' use left out, since next month will not repeat it (pure).
import type { ReportWindow } from '../../ledger/index.js';
import type { EverydayLedger } from '../metrics/build-everyday-calibration.js';
import { nameBackendProvider } from '../name-backend-provider.js';

export type ArmSpan = Pick<ReportWindow, 'provider' | 'started_at' | 'ended_at'>;

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
  const spans = arms.flatMap((arm) => {
    const [start, end] = [Date.parse(arm.started_at ?? ''), Date.parse(arm.ended_at ?? '')];
    return Number.isFinite(start) && Number.isFinite(end) ? [{ account: account(arm.provider), start, end }] : [];
  });
  const inArm = (provider: string, at: string): boolean => {
    const [who, ms] = [account(provider), Date.parse(at)];
    return spans.some((span) => span.account === who && ms >= span.start && ms <= span.end);
  };
  const telemetry = ledger.telemetry.filter((row) => !row.window_id && !inArm(nameBackendProvider(row.backend_provider), row.timestamp));
  const otel = ledger.otel.filter((row) => !inArm(row.provider, row.occurred_at));
  const readings = ledger.readings.filter((reading) => reading.tokens == null || !inArm(reading.provider, reading.captured_at));
  const counted = (rows: readonly { prompt_tokens?: number | null }[]) => rows.filter((row) => row.prompt_tokens != null).length;
  const left_out =
    counted(ledger.telemetry) - counted(telemetry) + (ledger.otel.length - otel.length) + (ledger.readings.length - readings.length);
  return { ledger: { ...ledger, telemetry, otel, readings }, left_out };
}
