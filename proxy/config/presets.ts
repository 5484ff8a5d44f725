// Built-in back ends: Anthropic, Z.ai's Anthropic-compatible GLM endpoint, and OpenAI.
import type { BackendConfig } from './proxy-config-schema.js';

export const PRESET_NAMES = ['anthropic', 'glm', 'openai', 'chatgpt'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/**
 * Anthropic and OpenAI keep the client's own credentials (a subscription's OAuth token passes through). So does
 * ChatGPT, the back end Codex uses when signed in with ChatGPT: the proxy mirrors its paths, so a Codex provider with
 * `base_url = "http://127.0.0.1:PORT/backend-api/codex"` posts `/backend-api/codex/responses`, which goes to
 * https://chatgpt.com/backend-api/codex/responses (codex-rs/model-provider-info/src/lib.rs to_api_provider: the default
 * base URL under a ChatGPT login is https://chatgpt.com/backend-api/codex). With `auth_login: "codex"` the proxy sends
 * its own login instead (proxy-config-schema.ts).
 * GLM gets its key from ZAI_API_KEY as a bearer token, as Z.ai's Claude Code guide sets ANTHROPIC_AUTH_TOKEN
 * (https://docs.z.ai/devpack/tool/claude); the client's Anthropic credentials are never sent there.
 */
export const PRESETS: Record<PresetName, Required<Pick<BackendConfig, 'url' | 'provider'>> & BackendConfig> = {
  anthropic: { url: 'https://api.anthropic.com', provider: 'claude' },
  glm: { url: 'https://api.z.ai/api/anthropic', provider: 'glm', auth_env: 'ZAI_API_KEY', auth_header: 'authorization' },
  openai: { url: 'https://api.openai.com', provider: 'codex' },
  chatgpt: { url: 'https://chatgpt.com', provider: 'codex' },
};

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}
