// Which providers of a ledger are calibrated under another account's name: a real run's arms spend the account your own readings name (pure).
import type { ReportWindow } from '../../ledger/index.js';
import { SIMULATED_MARK } from '../../ledger/schemas/index.js';
import { findProfileAccount } from '../../ledger/vocabulary/index.js';

/**
 * The account of each provider that ran against the real service, where it is another name (findProfileAccount:
 * `codex-chatgpt` -> `codex`, `claude+glm` -> `claude`). A run against the scripted server gives each provider an
 * account of its own there, so its providers are never joined; a provider named with no window at all is taken as real.
 */
export function mapRealAccounts(
  windows: readonly Pick<ReportWindow, 'provider' | 'methodology'>[],
  named: Iterable<string>,
): Map<string, string> {
  const simulated = new Set(windows.filter((window) => window.methodology.includes(SIMULATED_MARK)).map((window) => window.provider));
  const accounts = new Map<string, string>();
  for (const provider of new Set([...windows.map((window) => window.provider), ...named])) {
    const account = findProfileAccount(provider);
    if (account !== provider && !simulated.has(provider)) accounts.set(provider, account);
  }
  return accounts;
}
