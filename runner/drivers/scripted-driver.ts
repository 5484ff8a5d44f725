// The `scripted` driver: runs the built-in scripted agent (scripted-agent/main) against the proxy, no external CLI needed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError, resolvePackagePath, TOOL_VERSION } from '../../kernel/index.js';
import type { AgentConfigInput } from './scripted-agent/agent-config.js';
import type { AgentLaunch, Driver, LaunchRequest } from './driver.js';
import { checkProxyUrl, readRunnerPath } from './launch-env.js';

export const SCRIPTED_CONFIG_FILE = 'scripted-agent.json';

/** `node main.js` when compiled; from sources (vitest, tsx) `node --import tsx main.ts`. */
export function findScriptedAgentEntry(): string[] {
  // From the package root: this module may also run as a chunk of the bundled bins (dist/cli/chunks/, ADR 0025).
  const compiled = resolvePackagePath('dist/runner/drivers/scripted-agent/main.js');
  if (!import.meta.url.endsWith('.ts') && existsSync(compiled)) return [compiled];
  const source = resolvePackagePath('runner/drivers/scripted-agent/main.ts');
  if (existsSync(source)) return ['--import', resolveTsxLoader(), source];
  throw new AppError('NOT_FOUND', `expected the scripted agent at ${compiled} (or main.ts beside it), got neither: is the package built?`, {
    where: 'scripted driver',
  });
}

/** tsx's loader as a file URL: a bare `tsx` would be looked up from the agent's cwd (the sandbox), which has no node_modules. */
function resolveTsxLoader(): string {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    return 'tsx';
  }
}

export const scriptedDriver: Driver = {
  name: 'scripted',
  prepare(request: LaunchRequest): AgentLaunch {
    const config: AgentConfigInput = {
      baseUrl: checkProxyUrl(request.proxyUrl),
      model: request.model,
      headers: request.headers,
      prompt: request.prompt,
      cwd: request.workDir,
      apiKey: 'dummy',
      ...(request.subagentModel ? { subagentModel: request.subagentModel } : {}),
    };
    const configFile = join(request.homeDir, SCRIPTED_CONFIG_FILE);
    try {
      mkdirSync(request.homeDir, { recursive: true });
      writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    } catch (error) {
      throw new AppError('IO', `expected to write the agent config, got ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
        where: configFile,
        cause: error,
      });
    }
    // The agent is this package's own program, run by this Node: a profile's `command` does not apply to it.
    return {
      file: process.execPath,
      args: [...findScriptedAgentEntry(), '--config', configFile],
      // passEnv is not taken over: the agent talks only to the proxy, with the dummy key.
      env: { PATH: readRunnerPath(), HOME: request.homeDir },
      cwd: request.workDir,
    };
  },
  async readVersion(): Promise<string> {
    return `scripted-agent ${TOOL_VERSION}`;
  },
};
