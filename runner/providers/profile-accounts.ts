// Which subscription account a provider's arms spend, so everyday readings and a run's arms of one account calibrate together.
import { BUILTIN_PROFILES } from './provider-profiles.js';

/**
 * The subscription a built-in profile's arms spend, named as everyday readings name it (`tracker quota --provider
 * codex`, the statusLine's `claude`): its quota endpoint's kind. `codex-chatgpt` and your own Codex are one ChatGPT
 * account; `claude+glm`'s own requests spend your Claude account (its routed ones are `glm` already). Simulated
 * profiles, custom ones and profiles that read no quota are accounts of their own.
 */
export function findProfileAccount(provider: string): string {
  const profile = BUILTIN_PROFILES[provider];
  if (!profile || profile.upstream === 'scripted' || profile.quota === undefined) return provider;
  return profile.quota;
}

/** The providers among `providers` whose account is another name (findProfileAccount). */
export function mapProfileAccounts(providers: Iterable<string>): Map<string, string> {
  const accounts = new Map<string, string>();
  for (const provider of providers) {
    const account = findProfileAccount(provider);
    if (account !== provider) accounts.set(provider, account);
  }
  return accounts;
}
