// The scripted driver: the config it writes, its launch, and that launch run as a real child process end to end.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../kernel/index.js';
import type { LaunchRequest } from './driver.js';
import { SCRIPTED_CONFIG_FILE, scriptedDriver } from './scripted-driver.js';
import { makeTempDir, parseLines, startServer, sumReaderUsage } from './scripted-agent/test-fixtures/agent-test-helpers.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function makeRequest(proxyUrl: string): LaunchRequest {
  const temp = makeTempDir('scripted-driver');
  cleanups.push(temp.remove);
  const workDir = join(temp.dir, 'work');
  mkdirSync(workDir);
  return {
    workDir,
    homeDir: join(temp.dir, 'home'),
    prompt: 'Task id: hello\nCreate hello.txt',
    proxyUrl,
    model: 'claude-scripted',
    headers: { 'x-tracker-window': 'w7', 'x-tracker-agent': 'a1' },
    passEnv: { ANTHROPIC_API_KEY: 'sk-real-secret' },
  };
}

function runLaunch(request: LaunchRequest) {
  const launch = scriptedDriver.prepare(request);
  return execa(launch.file, launch.args, { cwd: launch.cwd, env: launch.env, extendEnv: false, reject: false, stdin: 'ignore' });
}

describe('scriptedDriver', () => {
  it('writes its config under homeDir (no secret) and launches this Node on the agent', () => {
    const request = makeRequest('http://127.0.0.1:9/');
    const launch = scriptedDriver.prepare(request);
    const configFile = join(request.homeDir, SCRIPTED_CONFIG_FILE);
    expect(launch.file).toBe(process.execPath);
    expect(launch.args.slice(-2)).toEqual(['--config', configFile]);
    expect(launch.args.some((arg) => /scripted-agent[/\\]main\.(ts|js)$/.test(arg))).toBe(true);
    expect(launch.env).toEqual({ PATH: process.env.PATH, HOME: request.homeDir });
    expect(launch.cwd).toBe(request.workDir);
    const text = readFileSync(configFile, 'utf8');
    expect(JSON.parse(text)).toEqual({
      baseUrl: 'http://127.0.0.1:9',
      model: 'claude-scripted',
      headers: request.headers,
      prompt: request.prompt,
      cwd: request.workDir,
      apiKey: 'dummy',
    });
    expect(text).not.toContain('sk-real-secret');
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
  });

  it('refuses a proxy URL that is not http(s)', () => {
    expect(() => scriptedDriver.prepare(makeRequest('not a url'))).toThrow(/expected the proxy's base URL/);
  });

  it('runs end to end as a child process: exit 0, hello.txt written, usage read once', async () => {
    const server = await startServer('write-file');
    cleanups.push(() => server.close());
    const request = makeRequest(server.url);
    const result = await runLaunch(request);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(request.workDir, 'hello.txt'), 'utf8')).toBe('hello from the scripted server\n');
    const lines = String(result.stdout).split('\n').filter(Boolean);
    expect(parseLines(lines).at(-1)).toMatchObject({ type: 'result', subtype: 'success', is_error: false, num_turns: 2 });
    expect(sumReaderUsage(lines)).toEqual({ input: 2050, output: 68, cache_read: 1800, cache_creation: 1320 });
    expect(server.sent.map((sent) => sent.request_headers['x-tracker-agent'])).toEqual(['a1', 'a1']);
  });

  it('exits 2 on a bad config and 1 when the model API is down', async () => {
    const request = makeRequest('http://127.0.0.1:9');
    const launch = scriptedDriver.prepare(request);
    const bad = await execa(launch.file, [...launch.args.slice(0, -2), '--config', join(request.homeDir, 'missing.json')], {
      env: launch.env,
      extendEnv: false,
      reject: false,
    });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/missing\.json: expected a readable config file, got ENOENT/);
    const server = await startServer('hello');
    await server.close();
    const down = await runLaunch(makeRequest(server.url));
    expect(down.exitCode).toBe(1);
    expect(down.stderr).toMatch(/ECONNREFUSED/);
    expect(parseLines(String(down.stdout).split('\n').filter(Boolean)).at(-1)).toMatchObject({ type: 'result', is_error: true });
  });

  it('stops on SIGTERM with a result line and exit 1', async () => {
    const server = await startServer('long');
    cleanups.push(() => server.close());
    const child = runLaunch(makeRequest(server.url));
    const timer = setInterval(() => {
      if (server.received === 0) return;
      clearInterval(timer);
      child.kill('SIGTERM');
    }, 20);
    const result = await child;
    clearInterval(timer);
    expect(result.exitCode).toBe(1);
    const last = parseLines(String(result.stdout).split('\n').filter(Boolean)).at(-1);
    expect(last).toMatchObject({ type: 'result', subtype: 'error_during_execution', is_error: true });
    expect(String(last?.result)).toMatch(/SIGTERM/);
  });

  it('names its version', async () => {
    expect(await scriptedDriver.readVersion()).toBe(`scripted-agent ${TOOL_VERSION}`);
  });
});
