// Each account's recent tasks: its sessions (by session id) else its requests, one source an account a day (pure).
import { readRowTokens } from '../../ledger/vocabulary/index.js';
import type { EverydayLedger } from '../metrics/build-everyday-calibration.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import { keyAccount } from '../usage/account-keys.js';
import { selectCountedOtelRows } from '../usage/collect-otel-uses.js';
import type { UsageTelemetry } from '../usage/usage-inputs.js';
import type { UsageOtelRow } from '../../ledger/index.js';

/** One request as headroom counts it: whose (the provider as recorded, before accounts are joined), when, its session, its tokens. */
export interface TaskUse {
  source: 'proxy' | 'otel';
  provider: string;
  at: number;
  session: string | null;
  tokens: number;
}

/** A proxy row as a task use (a reader that folds rows as it reads keeps these five fields, not the row). */
export function readProxyTaskUse(row: UsageTelemetry): TaskUse {
  return {
    source: 'proxy',
    provider: keyAccount(nameBackendProvider(row.backend_provider), row.account),
    at: Date.parse(row.timestamp),
    session: row.session_id ?? null,
    tokens: readRowTokens(row).total,
  };
}

export function readOtelTaskUse(row: UsageOtelRow): TaskUse {
  const tokens = row.input + row.output + row.cache_read + row.cache_creation;
  // Its account kept as the calibration keeps it (collect-everyday-uses.ts): two logins' sessions are each their own.
  const provider = keyAccount(row.provider, row.account);
  return { source: 'otel', provider, at: Date.parse(row.occurred_at), session: row.session_id, tokens };
}

/**
 * A ledger's requests as task uses. Of the agents' own OpenTelemetry, the rows that count (a day's request rows, else
 * its token metrics: Claude Code's metric points add up the same requests, collect-otel-uses.ts), by UTC day as the
 * sources are chosen here.
 */
export function readTaskUses(ledger: Pick<EverydayLedger, 'telemetry' | 'otel'>): TaskUse[] {
  const counted = selectCountedOtelRows(ledger.otel, (iso) => iso.slice(0, 10));
  return [...ledger.telemetry.map(readProxyTaskUse), ...counted.map(readOtelTaskUse)];
}

/** Each account's tasks up to now, oldest first: its sessions (the proxy's and OpenTelemetry's session ids), else its requests. */
export function collectTasks(
  all: readonly TaskUse[],
  account: (provider: string) => string,
  nowMs: number,
): Map<string, { unit: 'session' | 'request'; tokens: number[]; at: number[] }> {
  const uses = all.filter((use) => use.at <= nowMs && use.tokens > 0).map((use) => ({ ...use, provider: account(use.provider) }));
  // One source an account a day, as the calibration takes them: where the proxy counted a day, the agents' own
  // OpenTelemetry of that day is the same use again (Claude Code sends the proxy its session id too).
  const proxied = new Set(uses.filter((use) => use.source === 'proxy').map((use) => `${use.provider}\u0000${dayOf(use.at)}`));
  const byAccount = new Map<string, typeof uses>();
  for (const use of uses) {
    if (use.source === 'otel' && proxied.has(`${use.provider}\u0000${dayOf(use.at)}`)) continue;
    const list = byAccount.get(use.provider) ?? [];
    list.push(use);
    byAccount.set(use.provider, list);
  }
  const result = new Map<string, { unit: 'session' | 'request'; tokens: number[]; at: number[] }>();
  for (const [provider, list] of byAccount) {
    list.sort((a, b) => a.at - b.at);
    if (list.some((use) => use.session === null)) {
      result.set(provider, { unit: 'request', tokens: list.map((use) => use.tokens), at: list.map((use) => use.at) });
      continue;
    }
    // A session counts where it last did something, so the most recent are the last 20.
    const sessions = new Map<string, { at: number; tokens: number }>();
    for (const use of list) {
      const held = sessions.get(use.session as string) ?? { at: use.at, tokens: 0 };
      sessions.set(use.session as string, { at: use.at, tokens: held.tokens + use.tokens });
    }
    const ordered = [...sessions.values()].sort((a, b) => a.at - b.at);
    result.set(provider, { unit: 'session', tokens: ordered.map((one) => one.tokens), at: ordered.map((one) => one.at) });
  }
  return result;
}

/** The UTC day of an instant (the days a source is chosen for; the calibration's own are the user's time zone's). */
function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
