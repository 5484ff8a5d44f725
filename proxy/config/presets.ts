// The back ends the proxy knows by name, read from the providers' descriptors (ledger/vocabulary/providers.ts).
import { listBackendPresets, type ProviderCatalog } from '../../ledger/vocabulary/index.js';
import type { BackendConfig } from './proxy-config-schema.js';

type Preset = Required<Pick<BackendConfig, 'url' | 'provider'>> & BackendConfig;

/**
 * Each preset's URL, credentials and ledger provider. ChatGPT's is the back end Codex uses when signed in with
 * ChatGPT: the proxy mirrors its paths, so a Codex provider with `base_url = "http://127.0.0.1:PORT/backend-api/codex"`
 * posts `/backend-api/codex/responses`, which goes to https://chatgpt.com/backend-api/codex/responses
 * (codex-rs/model-provider-info/src/lib.rs to_api_provider: the default base URL under a ChatGPT login is
 * https://chatgpt.com/backend-api/codex). With `auth_login: "codex"` the proxy sends its own login instead
 * (proxy-config-schema.ts).
 */
/** The preset of this name (a built-in's, or a provider the catalog declares), or undefined for any other name. */
export function findPreset(catalog: ProviderCatalog, name: string): Preset | undefined {
  const entry = listBackendPresets(catalog).find((candidate) => candidate.name === name);
  return entry ? { ...entry.preset, provider: entry.provider } : undefined;
}

/** Every preset's name, the catalog's declared providers' included. */
export function listPresetNames(catalog: ProviderCatalog): string[] {
  return listBackendPresets(catalog).map((entry) => entry.name);
}
