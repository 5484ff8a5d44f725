// Which providers of a ledger are calibrated under another account's name: a real run's arms spend the account your own readings name, a portfolio its first member's (pure).
import type { ReportWindow } from '../../ledger/index.js';
import { SIMULATED_MARK } from '../../ledger/schemas/index.js';
import { findProfileAccount } from '../../ledger/vocabulary/index.js';

/**
 * The account of each provider, where it is another name. A real run's provider spends its profile's
 * (findProfileAccount: `codex-chatgpt` -> `codex`, `claude+glm` -> `claude`); a run against the scripted server gives
 * each profile an account of its own there, so those are never joined. A failover portfolio `A>B` is A's profile
 * whole (its credential, quota and plan: compose-portfolio.ts), so its requests that did not move spend A's account,
 * real or scripted: both moved that account's bars, and one price of it divides the moves by both arms' use (its moved
 * requests are B's rows already). A provider named with no window at all is taken as real.
 */
export function mapRealAccounts(
  windows: readonly (Pick<ReportWindow, 'provider' | 'methodology'> & Partial<Pick<ReportWindow, 'subagent_capacity'>>)[],
  named: Iterable<string>,
): Map<string, string> {
  const providers = new Set<string>();
  const simulated = new Set<string>();
  const heads = new Map<string, string>();
  for (const window of windows) {
    providers.add(window.provider);
    const head = findFailoverHead(window);
    if (head !== null) heads.set(window.provider, head);
    // Only a provider that may spend another name's account has its methodology searched (the report prices every
    // window through here: most are their own account, and a search of each one's methodology is not free).
    if (simulated.has(window.provider) || (head === null && findProfileAccount(window.provider) === window.provider)) continue;
    if (window.methodology.includes(SIMULATED_MARK)) simulated.add(window.provider);
  }
  const accounts = new Map<string, string>();
  for (const provider of new Set([...providers, ...named])) {
    const head = heads.get(provider);
    const own = head ?? provider;
    const account = simulated.has(provider) ? own : findProfileAccount(own);
    if (account !== provider) accounts.set(provider, account);
  }
  return accounts;
}

/** A portfolio window's first member: its provider less `>B`, B the subscription its moved requests went to; else null. */
function findFailoverHead(window: Pick<ReportWindow, 'provider' | 'subagent_capacity'>): string | null {
  const next = window.subagent_capacity;
  if (next?.route !== 'failover') return null;
  const suffix = `>${next.provider}`;
  return window.provider.endsWith(suffix) && window.provider.length > suffix.length ? window.provider.slice(0, -suffix.length) : null;
}
