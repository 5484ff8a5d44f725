// The Claude Code driver: `claude -p` in stream-json mode, pointed at the proxy with the attribution headers.
import { mkdirSync } from 'node:fs';
import type { AgentLaunch, Driver, LaunchRequest } from './driver.js';
import { formatHeaderLines } from './check-headers.js';
import { checkProxyUrl, mergePassEnv, readRunnerPath } from './launch-env.js';
import { createVersionReader } from './read-version.js';
import { AGENT_CLIS } from '../../sources/agents/index.js';

/** Edits in the work tree are accepted; `bypassPermissions` would need IS_SANDBOX=1 as root. */
export const CLAUDE_PERMISSION_MODE = 'acceptEdits';

/** Set by the driver, never taken from passEnv: they decide where traffic and files go. */
const OWNED = [
  'HOME',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_CUSTOM_HEADERS',
  'DISABLE_TELEMETRY',
  'CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC',
  'CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL',
  'DISABLE_AUTOUPDATER',
  ...AGENT_CLIS.claude.otel.exporter.variables,
] as const;
/** Any of these in passEnv is a real credential: then no dummy key is added (it would win over an OAuth token). */
const CREDENTIALS = ['CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'] as const;

/** How to start Claude Code for one arm. Writes nothing under homeDir but the folder itself (no secret lands on disk). */
export function prepareClaude(request: LaunchRequest): AgentLaunch {
  const proxyUrl = checkProxyUrl(request.proxyUrl);
  mkdirSync(request.homeDir, { recursive: true });
  const base: Record<string, string> = {
    PATH: readRunnerPath(),
    HOME: request.homeDir,
    ANTHROPIC_BASE_URL: proxyUrl,
    ANTHROPIC_CUSTOM_HEADERS: formatHeaderLines(request.headers),
    DISABLE_TELEMETRY: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
    DISABLE_AUTOUPDATER: '1',
    // The agent's own count of the arm's tokens, to the arm's proxy (docs/otel.md); DISABLE_TELEMETRY does not stop it.
    ...AGENT_CLIS.claude.otel.exporter.buildEnv(proxyUrl, request.headers),
  };
  if (!CREDENTIALS.some((name) => request.passEnv[name] !== undefined)) base.ANTHROPIC_API_KEY = 'dummy';
  return {
    file: request.command ?? 'claude',
    // `-p` is a switch; the prompt goes last after `--` so a prompt starting with "-" is never read as a flag.
    args: [
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--model',
      request.model,
      '--permission-mode',
      CLAUDE_PERMISSION_MODE,
      '--',
      request.prompt,
    ],
    env: mergePassEnv(base, request.passEnv, OWNED),
    cwd: request.workDir,
  };
}

/** "2.1.329 (Claude Code)" -> "claude-code 2.1.329"; anything else as printed. */
export function tidyClaudeVersion(printed: string): string {
  const match = /^(\S+)\s+\(Claude Code\)$/.exec(printed);
  return match ? `claude-code ${match[1]}` : printed;
}

export const claudeDriver: Driver = {
  name: 'claude',
  prepare: prepareClaude,
  readVersion: createVersionReader('claude', tidyClaudeVersion),
};
