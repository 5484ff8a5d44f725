// The Codex driver: `codex exec --json` with its own CODEX_HOME whose config.toml points at the proxy.
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../kernel/index.js';
import type { AgentLaunch, Driver, LaunchRequest } from './driver.js';
import { buildCodexConfig } from './codex-config.js';
import { checkProxyUrl, mergePassEnv, readRunnerPath } from './launch-env.js';
import { createVersionReader } from './read-version.js';
import { findCodexSandboxFailure } from './find-sandbox-failure.js';
import { removeSandboxFile } from '../sandbox/sandbox-paths.js';

/** Set by the driver, never taken from passEnv: they decide where Codex reads its config and writes its files. */
const OWNED = ['HOME', 'CODEX_HOME'] as const;
/**
 * passEnv.CODEX_AUTH_FILE: the path of a ChatGPT-login `auth.json` to use. The driver copies the file (never
 * reading it) into CODEX_HOME as auth.json, mode 0600, and the provider then uses its tokens instead of an API
 * key. The variable itself is not passed on. That copy is the one secret the driver writes under homeDir.
 */
export const CODEX_AUTH_FILE_VAR = 'CODEX_AUTH_FILE';

/**
 * How to start Codex for one arm. Writes `<homeDir>/.codex/config.toml` rather than `-c` flags: every value is
 * written through one tested TOML escaper (`-c` silently takes a value that fails to parse as a literal string),
 * the argument list stays short, and the arm's config can be read afterwards beside its sessions.
 */
export function prepareCodex(request: LaunchRequest): AgentLaunch {
  const proxyUrl = checkProxyUrl(request.proxyUrl);
  const codexHome = join(request.homeDir, '.codex');
  mkdirSync(codexHome, { recursive: true });
  const { [CODEX_AUTH_FILE_VAR]: authFile, ...passEnv } = request.passEnv;
  if (authFile !== undefined) copyAuthFile(authFile, join(codexHome, 'auth.json'));
  const config = buildCodexConfig({
    proxyUrl,
    model: request.model,
    headers: request.headers,
    auth: authFile === undefined ? 'api-key' : 'chatgpt-login',
  });
  writeFileSync(join(codexHome, 'config.toml'), config, { mode: 0o600 });
  const base: Record<string, string> = { PATH: readRunnerPath(), HOME: request.homeDir, CODEX_HOME: codexHome };
  if (authFile === undefined && passEnv.OPENAI_API_KEY === undefined) base.OPENAI_API_KEY = 'dummy';
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
      '--',
      request.prompt,
    ],
    env: mergePassEnv(base, passEnv, OWNED),
    cwd: request.workDir,
  };
}

/**
 * Codex's own sandbox mode (`-s`). Codex 0.169 runs each shell command in its Linux sandbox, which uses the system
 * bwrap when /usr/bin/bwrap exists; inside our bwrap sandbox (and as root inside `unshare -n`) that nested sandbox
 * fails and the command silently does nothing (docs/product.md#codex-sandbox-and-bubblewrap; openai/codex#46246,
 * #23468). Codex's docs for externally sandboxed environments: `--sandbox danger-full-access` (`codex exec --help`:
 * "Intended solely for running in environments that are externally sandboxed"). Unisolated (--no-isolation) it keeps
 * workspace-write.
 */
export function selectCodexSandbox(isolated: boolean): 'danger-full-access' | 'workspace-write' {
  return isolated ? 'danger-full-access' : 'workspace-write';
}

function copyAuthFile(from: string, to: string): void {
  try {
    copyFileSync(from, to);
    chmodSync(to, 0o600);
  } catch (error) {
    throw new AppError(
      'NOT_FOUND',
      `expected a readable ChatGPT-login auth.json at ${from}, got ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      { where: `passEnv.${CODEX_AUTH_FILE_VAR}`, cause: error },
    );
  }
}

export const codexDriver: Driver = {
  name: 'codex',
  prepare: prepareCodex,
  // After the agent: a .codex (or home) it swapped for a link is refused, never followed to a host auth.json.
  removeSecrets: (homeDir) => removeSandboxFile(dirname(homeDir), join(homeDir, '.codex', 'auth.json')),
  findSandboxFailure: findCodexSandboxFailure,
  readVersion: createVersionReader('codex'),
};
