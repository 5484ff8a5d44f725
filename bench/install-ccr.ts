// Installs claude-code-router 2.0.0 once into .bench-cache/ and starts it in pass-through mode in front of an upstream.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { readTail, stopChild, type ServerProcess } from './server-process.js';

export const CCR_PACKAGE = '@musistudio/claude-code-router@2.0.0';
export const CCR_MODEL = 'claude-sonnet-4-5-20250929';
export const CCR_CONFIG_SUMMARY = `one provider {api_base_url: UPSTREAM/v1/messages, models: [${CCR_MODEL}], transformer: {use: ["Anthropic"]}}, Router.default "scripted,${CCR_MODEL}", LOG false`;

/** The path of ccr's dist/cli.js, installing the package with npm on first use; an Error says why it cannot be had. */
export function ensureCcrInstalled(cacheDir = resolve('.bench-cache', 'ccr-2.0.0')): string | Error {
  const cli = join(cacheDir, 'node_modules', '@musistudio', 'claude-code-router', 'dist', 'cli.js');
  if (existsSync(cli)) return cli;
  mkdirSync(cacheDir, { recursive: true });
  const npm = spawnSync('npm', ['install', '--prefix', cacheDir, '--no-audit', '--no-fund', '--no-save', CCR_PACKAGE], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (npm.status !== 0 || !existsSync(cli)) {
    const why = npm.error?.message ?? `${npm.stderr}`.trim().split('\n').slice(-3).join(' | ');
    return new Error(`npm install ${CCR_PACKAGE} failed (exit ${npm.status}): ${why}`);
  }
  return cli;
}

/**
 * Starts `ccr start` with HOME pointing at a fresh folder whose ~/.claude-code-router/config.json has one provider,
 * the upstream, with `transformer.use` exactly ["Anthropic"] (ccr passes Anthropic requests through), LOG off.
 */
export async function startCcr(cli: string, upstreamUrl: string, workDir: string): Promise<ServerProcess> {
  const home = join(workDir, 'ccr-home');
  mkdirSync(join(home, '.claude-code-router'), { recursive: true });
  const port = await findFreePort();
  const config = {
    LOG: false,
    HOST: '127.0.0.1',
    PORT: port,
    API_TIMEOUT_MS: 600_000,
    Providers: [
      {
        name: 'scripted',
        api_base_url: `${upstreamUrl}/v1/messages`,
        api_key: 'sk-bench',
        models: [CCR_MODEL],
        transformer: { use: ['Anthropic'] },
      },
    ],
    Router: { default: `scripted,${CCR_MODEL}` },
  };
  writeFileSync(join(home, '.claude-code-router', 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const logFile = join(workDir, 'ccr.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [cli, 'start'], {
    cwd: home,
    env: { ...process.env, HOME: home, USERPROFILE: home, CI: 'true' },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const deadline = Date.now() + 20_000;
  while (!(await tryConnect(port))) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`ccr start exited with ${child.exitCode ?? child.signalCode}: ${readTail(logFile)}`);
    if (Date.now() > deadline) {
      await stopChild(child, 1_000);
      throw new Error(`ccr did not listen on 127.0.0.1:${port} within 20 s: ${readTail(logFile)}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  if (child.pid === undefined) throw new Error('ccr start has no pid');
  return { pid: child.pid, url: `http://127.0.0.1:${port}`, child, stop: (graceMs) => stopChild(child, graceMs) };
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

function tryConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}
