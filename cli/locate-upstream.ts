// Where a run's proxy sends a provider's traffic (a preset, a URL, the scripted server), and whether it adds a login.
import type { ScriptedServer } from '../model-server/index.js';
import { listPresetNames } from '../proxy/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import { type BackendLoginKind, PROFILE_LOGINS } from '../ledger/vocabulary/index.js';
import type { ProviderProfile } from '../runner/index.js';

/** A profile's upstream as a back end of the run's proxy config. */
export function locateUpstream(
  upstream: ProviderProfile['upstream'],
  server: ScriptedServer | null,
  catalog: ProviderCatalog,
): { url: string } | { preset: string } {
  if (upstream === 'scripted') return { url: (server as ScriptedServer).url };
  // Every preset the descriptors declare (a profile's schema admits no other name); anything else is a URL.
  if (listPresetNames(catalog).includes(upstream)) return { preset: upstream };
  return { url: upstream };
}

/**
 * A ChatGPT login goes on a real back end's requests from the runner's own $CODEX_HOME/auth.json, a Google login from
 * its $GEMINI_CLI_HOME/.gemini/oauth_creds.json (the proxy reads them; the agent holds a placeholder). The scripted
 * server takes the placeholder as it is: no login of the user's is read.
 */
export function sendLogin(profile: ProviderProfile): { auth_login?: BackendLoginKind } {
  if (profile.upstream === 'scripted' || profile.login === undefined) return {};
  return { auth_login: PROFILE_LOGINS[profile.login] };
}
