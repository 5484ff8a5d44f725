// The Codex driver: `codex exec --json` with its own CODEX_HOME whose config.toml points at the proxy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentLaunch, Driver, LaunchRequest } from './driver.js';
import { buildCodexConfig } from './codex-config.js';
import { buildPlaceholderAuthJson } from './codex-placeholder-login.js';
import { checkProxyUrl, mergePassEnv, readRunnerPath } from './launch-env.js';
import { createVersionReader } from './read-version.js';
import { findCodexSandboxFailure } from './find-sandbox-failure.js';

/** Set by the driver, never taken from passEnv: they decide where Codex reads its config and writes its files. */
const OWNED = ['HOME', 'CODEX_HOME'] as const;

/**
 * How to start Codex for one arm. Writes `<homeDir>/.codex/config.toml` rather than `-c` flags: every value is
 * written through one tested TOML escaper (`-c` silently takes a value that fails to parse as a literal string),
 * the argument list stays short, and the arm's config can be read afterwards beside its sessions.
 */
export function prepareCodex(request: LaunchRequest): AgentLaunch {
  const proxyUrl = checkProxyUrl(request.proxyUrl);
  const codexHome = join(request.homeDir, '.codex');
  mkdirSync(codexHome, { recursive: true });
  const chatgpt = request.login === 'chatgpt';
  // Signed in with ChatGPT, Codex holds only placeholders: the proxy sends the real login (auth_login), which never
  // enters the sandbox, so the agent's commands cannot read it and Codex cannot rotate the user's refresh token.
  if (chatgpt) writeFileSync(join(codexHome, 'auth.json'), buildPlaceholderAuthJson(new Date()), { mode: 0o600 });
  const config = buildCodexConfig({
    proxyUrl,
    model: request.model,
    headers: request.headers,
    auth: chatgpt ? 'chatgpt-login' : 'api-key',
  });
  writeFileSync(join(codexHome, 'config.toml'), config, { mode: 0o600 });
  const base: Record<string, string> = { PATH: readRunnerPath(), HOME: request.homeDir, CODEX_HOME: codexHome };
  if (!chatgpt && request.passEnv.OPENAI_API_KEY === undefined) base.OPENAI_API_KEY = 'dummy';
  return {
    file: request.command ?? 'codex',
    // The prompt goes last after `--` so a prompt starting with "-" is never read as a flag.
    args: [
      'exec',
      '--json',
      '--skip-git-repo-check',
      '-s',
      selectCodexSandbox(request.isolated === true),
      '--disable',
      'plugins',
      // ChatGPT's apps (connectors) are an MCP server at chatgpt.com that a ChatGPT login turns on: not the task's, and
      // reached around the proxy (0.169.0 retried https://chatgpt.com/backend-api/ps/mcp for 20 s offline).
      ...(chatgpt ? ['--disable', 'apps'] : []),
      '--',
      request.prompt,
    ],
    env: mergePassEnv(base, request.passEnv, OWNED),
    cwd: request.workDir,
  };
}

/**
 * Codex's own sandbox mode (`-s`). Codex 0.169 runs each shell command in its Linux sandbox, which uses the system
 * bwrap when /usr/bin/bwrap exists; inside our bwrap sandbox (and as root inside `unshare -n`) that nested sandbox
 * fails and the command silently does nothing (docs/product.md#codex-sandbox-and-bubblewrap; openai/codex#46246,
 * openai/codex#23468). Codex's docs for externally sandboxed environments: `--sandbox danger-full-access` (`codex exec --help`:
 * "Intended solely for running in environments that are externally sandboxed"). Unisolated (--no-isolation) it keeps
 * workspace-write.
 */
export function selectCodexSandbox(isolated: boolean): 'danger-full-access' | 'workspace-write' {
  return isolated ? 'danger-full-access' : 'workspace-write';
}

export const codexDriver: Driver = {
  name: 'codex',
  prepare: prepareCodex,
  findSandboxFailure: findCodexSandboxFailure,
  readVersion: createVersionReader('codex'),
};
