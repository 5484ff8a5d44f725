// Which subscription account a built-in profile's arms spend, where it is another name: read by the runner, the reports and the viewer.
import { PROVIDERS } from './providers.js';

/**
 * The built-in profiles whose arms spend an account your everyday readings name otherwise (`tracker quota --provider
 * codex`, the statusLine's `claude`): `codex-chatgpt` and your own Codex are one ChatGPT account; `claude+glm`'s own
 * requests spend your Claude account (its routed ones are `glm` already). Simulated profiles, custom ones and profiles
 * that read no quota are accounts of their own. Data here, below the runner, so the viewer's reader joins accounts as
 * `tracker calibrate` does without loading the runner (+23 MB of RSS); runner/providers/provider-profile-accounts.test.ts
 * checks it against the profiles' own quota kinds.
 */
export const PROFILE_ACCOUNTS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(PROVIDERS.flatMap((provider) => provider.profiles.map((profile) => [profile, provider.id]))),
);

/** The account a provider's arms spend: its profile's (PROFILE_ACCOUNTS), else its own name. */
export function findProfileAccount(provider: string): string {
  return Object.hasOwn(PROFILE_ACCOUNTS, provider) ? (PROFILE_ACCOUNTS[provider] as string) : provider;
}
