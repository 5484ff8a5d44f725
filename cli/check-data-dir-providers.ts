// A data dir's providers.json adds providers: it never re-points one the package ships, nor gives a new one a built-in's key.
import { AppError } from '../kernel/index.js';
import { BUILT_IN_CATALOG, listBackendPresets, type UserProvider } from '../ledger/vocabulary/index.js';
import { BUILTIN_PROFILES } from '../runner/index.js';

/** Keys the built-in agent CLIs read that no built-in profile passes (Claude Code's bearer token, Gemini CLI's other key). */
const AGENT_CLI_KEYS = ['ANTHROPIC_AUTH_TOKEN', 'GOOGLE_API_KEY'];

/**
 * Refuses, in one line naming the file and the provider, a data dir's entry that would silently move a provider the
 * package ships (providers/*.json) to another URL or another key variable, or that names a variable a built-in or shipped
 * provider reads its key from. The data dir follows the working directory (./tracker-data), so a cloned repository's
 * file is read as the user's own: it must not be able to send the user's key anywhere the user did not name.
 */
export function checkDataDirProviders(shipped: readonly UserProvider[], own: readonly UserProvider[], file: string): void {
  const owners = listKeyOwners(shipped);
  for (const provider of own) {
    const where = `${file}: providers.${provider.id}`;
    const base = shipped.find((one) => one.id === provider.id);
    if (base) checkNotRepointed(base, provider, where);
    else checkOwnKey(provider, owners, where);
  }
}

/** The catalog's own preset of a declared provider: the one named after it. */
function readOwnPreset(provider: UserProvider): { url?: string; auth_env?: string } {
  return provider.backends[provider.id] ?? {};
}

/** A shipped provider's entry may change its plans, prices or agent, never where it goes or which key goes with it. */
function checkNotRepointed(base: UserProvider, provider: UserProvider, where: string): void {
  const was = readOwnPreset(base);
  const now = readOwnPreset(provider);
  const changes: string[] = [];
  if (now.url !== was.url) {
    const sent = was.auth_env ? ` (${was.auth_env} would be sent there)` : '';
    changes.push(`url from ${String(was.url)} to ${String(now.url)}${sent}`);
  }
  if (now.auth_env !== was.auth_env)
    changes.push(`auth_env from ${was.auth_env ?? 'none'} to ${now.auth_env ?? "none (the client's own key would pass)"}`);
  if (changes.length === 0) return;
  const name = `${provider.id}-own`;
  throw new AppError(
    'BAD_INPUT',
    `${provider.id} is the package's (${base.declaredIn}): this entry would change its ${changes.join(' and its ')}; a data dir's providers.json adds providers, it never re-points a shipped one: to use this back end, declare it under a name of its own (such as "${name}", with its key in a variable of its own) and name that (--upstream ${name})`,
    { where, kind: 'provider-repointed' },
  );
}

/** An added provider's key variable is its own: never one a built-in or shipped provider, or a built-in agent, reads. */
function checkOwnKey(provider: UserProvider, owners: ReadonlyMap<string, string>, where: string): void {
  const name = readOwnPreset(provider).auth_env;
  const owner = name === undefined ? undefined : owners.get(name);
  if (name === undefined || owner === undefined) return;
  const suggested = suggestKeyVariable(provider.id);
  throw new AppError(
    'BAD_INPUT',
    `auth_env ${name} is ${owner}: a provider a data dir declares never gets a built-in provider's key unless you name it; give it a variable of its own (such as ${suggested}) and set that yourself (${suggested}=$${name}) if this back end is meant to have that key`,
    { where, kind: 'provider-key-borrowed' },
  );
}

/** Every variable a built-in or shipped provider's key is read from, with whose it is, as the refusal says it. */
function listKeyOwners(shipped: readonly UserProvider[]): Map<string, string> {
  const owners = new Map<string, string>();
  const add = (name: string | undefined, owner: string): void => {
    if (name !== undefined && !owners.has(name)) owners.set(name, owner);
  };
  for (const { name, provider, preset } of listBackendPresets(BUILT_IN_CATALOG))
    add(preset.auth_env, `the key of the built-in ${provider} (preset ${name})`);
  for (const provider of shipped) add(readOwnPreset(provider).auth_env, `the key of the package's ${provider.id} (${provider.declaredIn})`);
  for (const [id, profile] of Object.entries(BUILTIN_PROFILES))
    for (const name of profile.pass_env ?? []) add(name, `a variable the built-in profile ${id} passes its agent`);
  for (const name of AGENT_CLI_KEYS) add(name, 'a key a built-in agent CLI reads');
  return owners;
}

/** A variable name of the provider's own, from its id (`minimax-cn` gives MINIMAX_CN_API_KEY). */
function suggestKeyVariable(id: string): string {
  const stem = id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return /^[A-Z]/.test(stem) ? `${stem}_API_KEY` : `KEY_${stem}_API_KEY`;
}
