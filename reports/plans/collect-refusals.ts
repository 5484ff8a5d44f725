// The requests a rate limit refused: use the history did not get to record, added back to the demand replayed (pure).
import { nameBackendProvider } from '../name-backend-provider.js';
import { keyAccount } from '../usage/account-keys.js';
import type { UsageTelemetry } from '../usage/usage-inputs.js';

/**
 * The proxy's requests refused with 429 in the span, by account. A CLI retries a refused request on its own (Claude
 * Code with exponential backoff, minutes apart near a limit: anthropics/claude-code#2047), with the same body. Where
 * the proxy digested the refused bodies (`request_digest`), a refusal with the digest of its session's last refusal
 * is that request again (`retried`, counted once) and any other is a prompt of its own, counted. Rows without a
 * digest: within a session, a refusal after a refusal with no answer between is taken as the same request again.
 * Rows without a session id cannot be told apart: each counts.
 */
export function collectRefusals(
  telemetry: readonly UsageTelemetry[],
  span: { since_ms: number; until_ms: number },
  account: (provider: string) => string,
): { refusals: Map<string, number[]>; retried: number } {
  const refusals = new Map<string, number[]>();
  // Per session: whether its last row was refused, and that refusal's digest.
  const lastRefused = new Map<string, { refused: boolean; digest: string | null }>();
  let retried = 0;
  const rows = telemetry
    .map((row) => ({ row, at: Date.parse(row.timestamp) }))
    .filter(({ at }) => at >= span.since_ms && at <= span.until_ms)
    .sort((a, b) => a.at - b.at);
  for (const { row, at } of rows) {
    const provider = account(keyAccount(nameBackendProvider(row.backend_provider), row.account));
    const session = row.session_id ? `${provider}\u0000${row.session_id}` : null;
    const refused = row.status === 429;
    const digest = row.request_digest ?? null;
    const last = session === null ? undefined : lastRefused.get(session);
    const again = refused && last?.refused === true && (digest === null || last.digest === null ? true : digest === last.digest);
    if (session !== null) lastRefused.set(session, { refused, digest });
    if (!refused) continue;
    if (again) {
      retried += 1;
      continue;
    }
    const list = refusals.get(provider) ?? [];
    list.push(at);
    refusals.set(provider, list);
  }
  return { refusals, retried };
}

/** The use with each refused request added at its time, as the account's mean request. */
export function addRefusals(columns: { at_ms: readonly number[]; amount: readonly number[] }, refused: readonly number[]) {
  if (refused.length === 0 || columns.amount.length === 0) return columns;
  const mean = columns.amount.reduce((sum, amount) => sum + amount, 0) / columns.amount.length;
  const merged = [
    ...columns.at_ms.map((at, index) => ({ at, amount: columns.amount[index] as number })),
    ...refused.map((at) => ({ at, amount: mean })),
  ].sort((a, b) => a.at - b.at);
  return { at_ms: merged.map((use) => use.at), amount: merged.map((use) => use.amount) };
}
