// The config.toml the codex driver writes into CODEX_HOME: one custom provider, the tracker proxy, its OTel export there, no analytics.
import { checkHeaders } from './check-headers.js';
import { formatTomlInlineTable, formatTomlString } from './toml-string.js';
import { buildCodexOtelToml } from './otel-export.js';

/** The provider id in config.toml (not openai, ollama or lmstudio: Codex reserves those). */
export const CODEX_PROVIDER_ID = 'tracker';

export interface CodexConfigInput {
  /** The proxy's base URL without /v1 (the driver appends it: Codex posts to `<base_url>/responses`). */
  proxyUrl: string;
  model: string;
  headers: Record<string, string>;
  /**
   * `api-key`: Codex sends `Bearer $OPENAI_API_KEY` (env_key). `chatgpt-login`: Codex uses the ChatGPT tokens
   * of the auth.json in CODEX_HOME (requires_openai_auth), so no env_key, which would win over them.
   */
  auth: 'api-key' | 'chatgpt-login';
}

/** The file's text. Every value goes through the TOML escaper, so quotes, backslashes and newlines are safe. */
export function buildCodexConfig(input: CodexConfigInput): string {
  const provider = [
    `name = ${formatTomlString(CODEX_PROVIDER_ID)}`,
    `base_url = ${formatTomlString(`${input.proxyUrl}/v1`)}`,
    `wire_api = ${formatTomlString('responses')}`,
    input.auth === 'api-key' ? `env_key = ${formatTomlString('OPENAI_API_KEY')}` : 'requires_openai_auth = true',
    `http_headers = ${formatTomlInlineTable(checkHeaders(input.headers))}`,
  ];
  return [
    '# Written by agent-tracker for one arm: every request goes to the tracker proxy with the attribution headers.',
    `model = ${formatTomlString(input.model)}`,
    `model_provider = ${formatTomlString(CODEX_PROVIDER_ID)}`,
    '',
    '[analytics]',
    'enabled = false',
    '',
    `[model_providers.${CODEX_PROVIDER_ID}]`,
    ...provider,
    '',
    // Codex's own count of the arm's requests, to the arm's proxy (docs/otel.md).
    ...buildCodexOtelToml(input.proxyUrl, formatTomlString),
    '',
  ].join('\n');
}
