// Rows that name no account given the one their session's other rows name: one Claude Code session is one login's (pure).
import type { BarObservation, UsageOtelRow } from '../../ledger/index.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import type { UsageReading, UsageTelemetry } from './usage-inputs.js';

/** The rows that can name a session and an account: a status line's bar readings, the proxy's, the agents' telemetry, transcripts. */
export interface SessionLedger {
  bars: { readings: readonly BarObservation[] };
  telemetry: readonly UsageTelemetry[];
  otel: readonly UsageOtelRow[];
  readings: readonly UsageReading[];
}

/**
 * A login's answers ingested before its config dir named its account (or a status line of an older tracker) name
 * none: kept so, a provider with two logins would show them as a third, anonymous account holding one login's use
 * apart from its own bars. A session id is one login's (Claude Code's status line and its transcript file
 * carry the same `session_id`), so such a row takes the account another row of its provider and session names. A
 * session two accounts name (a `/login` inside it) gives neither. Rows that change are copied; the others are kept.
 */
export function joinSessionAccounts<L extends SessionLedger>(ledger: L): L {
  const telemetryProvider = (row: UsageTelemetry): string => nameBackendProvider(row.backend_provider);
  const lacking =
    ledger.bars.readings.some((row) => !row.account && row.session_id) ||
    ledger.readings.some((row) => !row.account && row.session_id) ||
    ledger.otel.some((row) => !row.account && row.session_id) ||
    ledger.telemetry.some((row) => !row.account && row.session_id);
  if (!lacking) return ledger;
  const named = new Map<string, string | null>();
  const note = (provider: string, session: string | null | undefined, account: string | null | undefined): void => {
    if (!session || !account) return;
    const key = `${provider}\u0000${session}`;
    const held = named.get(key);
    named.set(key, held === undefined || held === account ? account : null);
  };
  for (const row of ledger.bars.readings) note(row.provider, row.session_id, row.account);
  for (const row of ledger.readings) note(row.provider, row.session_id, row.account);
  for (const row of ledger.otel) note(row.provider, row.session_id, row.account);
  for (const row of ledger.telemetry) note(telemetryProvider(row), row.session_id, row.account);
  const find = (provider: string, session: string | null | undefined): string | null =>
    session ? (named.get(`${provider}\u0000${session}`) ?? null) : null;
  const fill = <T extends { account?: string | null | undefined }>(row: T, account: string | null): T =>
    row.account || account === null ? row : { ...row, account };
  return {
    ...ledger,
    bars: { ...ledger.bars, readings: ledger.bars.readings.map((row) => fill(row, find(row.provider, row.session_id))) },
    readings: ledger.readings.map((row) => fill(row, find(row.provider, row.session_id))),
    otel: ledger.otel.map((row) => fill(row, find(row.provider, row.session_id))),
    telemetry: ledger.telemetry.map((row) => fill(row, find(telemetryProvider(row), row.session_id))),
  };
}
