// The config.toml the codex driver writes into CODEX_HOME: one custom provider, the tracker proxy, its OTel export there, no analytics.
import { checkHeaders } from './check-headers.js';
import { formatTomlInlineTable, formatTomlString } from './toml-string.js';
import { AGENT_CLIS } from '../../sources/agents/index.js';

/** The provider id in config.toml (not openai, ollama or lmstudio: Codex reserves those). */
export const CODEX_PROVIDER_ID = 'tracker';

export interface CodexConfigInput {
  /** The proxy's base URL, an arm's own at a run's proxy, without a path of the API. */
  proxyUrl: string;
  model: string;
  headers: Record<string, string>;
  /**
   * `api-key`: Codex posts `<proxy>/v1/responses` with `Bearer $OPENAI_API_KEY` (env_key). `chatgpt-login`: Codex is
   * signed in with ChatGPT (the auth.json in CODEX_HOME, `requires_openai_auth`; no env_key, which would win over it)
   * and posts `<proxy>/backend-api/codex/responses`, the ChatGPT back end's path that the proxy mirrors.
   */
  auth: 'api-key' | 'chatgpt-login';
}

/** The file's text. Every value goes through the TOML escaper, so quotes, backslashes and newlines are safe. */
export function buildCodexConfig(input: CodexConfigInput): string {
  const chatgpt = input.auth === 'chatgpt-login';
  const provider = [
    `name = ${formatTomlString(CODEX_PROVIDER_ID)}`,
    `base_url = ${formatTomlString(`${input.proxyUrl}${chatgpt ? '/backend-api/codex' : '/v1'}`)}`,
    `wire_api = ${formatTomlString('responses')}`,
    chatgpt ? 'requires_openai_auth = true' : `env_key = ${formatTomlString('OPENAI_API_KEY')}`,
    `http_headers = ${formatTomlInlineTable(checkHeaders(input.headers))}`,
  ];
  return [
    '# Written by agent-tracker for one arm: every request goes to the tracker proxy with the attribution headers.',
    `model = ${formatTomlString(input.model)}`,
    `model_provider = ${formatTomlString(CODEX_PROVIDER_ID)}`,
    // Signed in with ChatGPT, Codex also calls ChatGPT's own API at start (wham/accounts/check, settings/user; seen from
    // 0.169.0): under the proxy too, which answers those itself, so nothing goes around it (default https://chatgpt.com/backend-api/).
    ...(chatgpt ? [`chatgpt_base_url = ${formatTomlString(`${input.proxyUrl}/backend-api/`)}`] : []),
    '',
    '[analytics]',
    'enabled = false',
    '',
    `[model_providers.${CODEX_PROVIDER_ID}]`,
    ...provider,
    '',
    // Codex's own count of the arm's requests, to the arm's proxy (docs/otel.md).
    ...AGENT_CLIS.codex.otel.exporter.buildConfig(input.proxyUrl, formatTomlString),
    '',
  ].join('\n');
}
