// The Gemini CLI driver: `gemini --prompt=... -o stream-json`, pointed at the proxy, its settings in the arm's own HOME.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatHeaderList } from './check-headers.js';
import type { AgentLaunch, Driver, LaunchRequest } from './driver.js';
import { checkProxyUrl, mergePassEnv, readRunnerPath } from './launch-env.js';
import { AGENT_CLIS } from '../../sources/agents/index.js';
import { createVersionReader } from './read-version.js';

/** Set by the driver, never taken from passEnv: they decide where traffic, settings and telemetry go. */
const OWNED = [
  'HOME',
  'GOOGLE_GEMINI_BASE_URL',
  'CODE_ASSIST_ENDPOINT',
  'GOOGLE_GENAI_USE_GCA',
  'GOOGLE_CLOUD_ACCESS_TOKEN',
  'GEMINI_CLI_CUSTOM_HEADERS',
  'GEMINI_CLI_HOME',
  'GEMINI_SANDBOX',
  ...AGENT_CLIS.gemini.otel.exporter.variables,
] as const;

/**
 * The arm's settings. Gemini CLI 0.61.0 refuses GEMINI_API_KEY until `security.auth.selectedType` says so ("Invalid
 * auth method selected", seen on loopback); usage statistics (Clearcut) and update checks would reach Google around
 * the proxy, so they are off. Written as user settings and again as system settings (GEMINI_CLI_SYSTEM_SETTINGS_PATH,
 * owned), which Gemini CLI ranks above the task repository's own `.gemini/settings.json` (geminicli.com settings
 * precedence), let in by `--skip-trust` (needed headless). Holds no secret. Signed in with Google, the type is
 * `oauth-personal`.
 */
export function buildGeminiSettings(auth: 'gemini-api-key' | 'oauth-personal' = 'gemini-api-key'): string {
  const settings = {
    security: { auth: { selectedType: auth } },
    privacy: { usageStatisticsEnabled: false },
    general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** How to start Gemini CLI for one arm. */
export function prepareGemini(request: LaunchRequest): AgentLaunch {
  const proxyUrl = checkProxyUrl(request.proxyUrl);
  const settingsDir = join(request.homeDir, '.gemini');
  mkdirSync(settingsDir, { recursive: true });
  const google = request.login === 'google';
  const settings = buildGeminiSettings(google ? 'oauth-personal' : 'gemini-api-key');
  // The user settings select the key (0.61.0 checks the auth type there); the same as system settings win over the repo's.
  writeFileSync(join(settingsDir, 'settings.json'), settings, { mode: 0o600 });
  const systemSettings = join(settingsDir, 'system-settings.json');
  writeFileSync(systemSettings, settings, { mode: 0o600 });
  const base: Record<string, string> = {
    PATH: readRunnerPath(),
    HOME: request.homeDir,
    ...(google ? buildGoogleLoginEnv(proxyUrl) : { GOOGLE_GEMINI_BASE_URL: proxyUrl }),
    GEMINI_CLI_CUSTOM_HEADERS: formatHeaderList(request.headers),
    GEMINI_CLI_SYSTEM_SETTINGS_PATH: systemSettings,
    ...AGENT_CLIS.gemini.otel.exporter.buildEnv(proxyUrl, request.headers),
  };
  if (!google && request.passEnv.GEMINI_API_KEY === undefined && request.passEnv.GOOGLE_API_KEY === undefined)
    base.GEMINI_API_KEY = 'dummy';
  return {
    file: request.command ?? 'gemini',
    // `--prompt=` keeps a prompt starting with "-" a value; `-m` names the model, so no routing request goes first.
    args: [
      `--prompt=${request.prompt}`,
      '--output-format',
      'stream-json',
      '--model',
      request.model,
      '--approval-mode',
      selectGeminiApproval(request.isolated === true),
      '--skip-trust',
    ],
    env: mergePassEnv(base, request.passEnv, OWNED),
    cwd: request.workDir,
  };
}

/**
 * Signed in with Google, Gemini CLI talks to Code Assist at CODE_ASSIST_ENDPOINT (the proxy) and holds only a
 * placeholder token: GOOGLE_CLOUD_ACCESS_TOKEN with GOOGLE_GENAI_USE_GCA, which 0.61.0 takes as it is (its cached login
 * file would first be checked at oauth2.googleapis.com). The proxy sends the user's real login (auth_login `gemini`);
 * the scripted server reads the placeholder as the account Google's models are charged to (`google`). The real login
 * never enters the arm's sandbox.
 */
export const GOOGLE_PLACEHOLDER_TOKEN = 'google';

function buildGoogleLoginEnv(proxyUrl: string): Record<string, string> {
  return { CODE_ASSIST_ENDPOINT: proxyUrl, GOOGLE_GENAI_USE_GCA: 'true', GOOGLE_CLOUD_ACCESS_TOKEN: GOOGLE_PLACEHOLDER_TOKEN };
}

/**
 * Headless Gemini CLI runs only the tools its approval mode approves. Inside the runner's sandbox every tool may run
 * (`yolo`: shell commands included, contained by the sandbox); unisolated (--no-isolation) only edits (`auto_edit`),
 * as Claude Code keeps `acceptEdits`: a shell command is then refused, never run on the host.
 */
export function selectGeminiApproval(isolated: boolean): 'yolo' | 'auto_edit' {
  return isolated ? 'yolo' : 'auto_edit';
}

/**
 * Gemini CLI starts slowly: `gemini --version` took 16 to 23 s on a real install (it relaunches itself with a larger
 * heap first), past the 5 s every other CLI answers in. Its version comes from its package.json when it is an npm
 * install; the start-up probe and a --version fallback wait this long.
 */
export const GEMINI_START_TIMEOUT_MS = 60_000;

export const geminiDriver: Driver = {
  name: 'gemini',
  prepare: prepareGemini,
  startTimeoutMs: GEMINI_START_TIMEOUT_MS,
  readVersion: createVersionReader('gemini', (printed) => (/^\d+\.\d+\.\d+/.test(printed) ? `gemini-cli ${printed}` : printed), {
    timeoutMs: GEMINI_START_TIMEOUT_MS,
    packageName: '@google/gemini-cli',
  }),
};
