// The codex driver's launch: exact arguments and environment, and a config.toml that reads back to the request.
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { codexDriver, prepareCodex } from './codex-driver.js';
import { PLACEHOLDER_ACCOUNT_ID } from './codex-placeholder-login.js';
import type { LaunchRequest } from './driver.js';

function makeRequest(overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  const root = mkdtempSync(join(tmpdir(), 'codex-driver-'));
  return {
    workDir: join(root, 'work'),
    homeDir: join(root, 'home'),
    prompt: '-starts with a dash\nTask id: hello',
    proxyUrl: 'http://127.0.0.1:8787',
    model: 'gpt-5-codex',
    headers: { 'x-tracker-window': 'W1', 'x-tracker-agent': 'main' },
    passEnv: {},
    ...overrides,
  };
}

const readConfig = (request: LaunchRequest): string => readFileSync(join(request.homeDir, '.codex', 'config.toml'), 'utf8');

describe('prepareCodex', () => {
  it('starts codex exec --json in the work tree, the prompt last after --', () => {
    const request = makeRequest();
    const launch = prepareCodex(request);
    expect(launch.file).toBe('codex');
    expect(launch.cwd).toBe(request.workDir);
    expect(launch.args).toEqual([
      'exec',
      '--json',
      '--skip-git-repo-check',
      '-s',
      'workspace-write',
      '--disable',
      'plugins',
      '--',
      '-starts with a dash\nTask id: hello',
    ]);
  });

  it("inside the runner's sandbox, turns Codex's own off (it cannot nest there: docs/product.md#codex-sandbox-and-bubblewrap)", () => {
    expect(prepareCodex(makeRequest({ isolated: true })).args).toContain('danger-full-access');
    expect(prepareCodex(makeRequest({ isolated: true })).args).not.toContain('workspace-write');
  });

  it('gives the complete environment with its own CODEX_HOME and a dummy key', () => {
    const request = makeRequest();
    expect(prepareCodex(request).env).toEqual({
      PATH: process.env.PATH,
      HOME: request.homeDir,
      CODEX_HOME: join(request.homeDir, '.codex'),
      OPENAI_API_KEY: 'dummy',
    });
  });

  it('writes config.toml: the tracker provider at <proxy>/v1 with the headers, the model, its logs exported to <proxy>/v1/logs, no analytics', () => {
    const request = makeRequest();
    prepareCodex(request);
    expect(readConfig(request)).toBe(
      [
        '# Written by agent-tracker for one arm: every request goes to the tracker proxy with the attribution headers.',
        'model = "gpt-5-codex"',
        'model_provider = "tracker"',
        '',
        '[analytics]',
        'enabled = false',
        '',
        '[model_providers.tracker]',
        'name = "tracker"',
        'base_url = "http://127.0.0.1:8787/v1"',
        'wire_api = "responses"',
        'env_key = "OPENAI_API_KEY"',
        'http_headers = { x-tracker-agent = "main", x-tracker-window = "W1" }',
        '',
        '[otel]',
        'log_user_prompt = false',
        'exporter = { otlp-http = { endpoint = "http://127.0.0.1:8787/v1/logs", protocol = "binary" } }',
        'metrics_exporter = "none"',
        '',
      ].join('\n'),
    );
    expect(statSync(join(request.homeDir, '.codex', 'config.toml')).mode & 0o777).toBe(0o600);
  });

  it('escapes quotes and backslashes so the values read back exactly', () => {
    const request = makeRequest({
      model: 'my "model" \\ v2',
      headers: { 'x-tracker-window': 'W1', 'x-tracker-command': '/say "hi" \\ there' },
    });
    prepareCodex(request);
    expect(parse(readConfig(request))).toEqual({
      model: 'my "model" \\ v2',
      model_provider: 'tracker',
      analytics: { enabled: false },
      model_providers: {
        tracker: {
          name: 'tracker',
          base_url: 'http://127.0.0.1:8787/v1',
          wire_api: 'responses',
          env_key: 'OPENAI_API_KEY',
          http_headers: { 'x-tracker-command': '/say "hi" \\ there', 'x-tracker-window': 'W1' },
        },
      },
      otel: {
        log_user_prompt: false,
        exporter: { 'otlp-http': { endpoint: 'http://127.0.0.1:8787/v1/logs', protocol: 'binary' } },
        metrics_exporter: 'none',
      },
    });
  });

  it('refuses a header value with a newline', () => {
    expect(() => prepareCodex(makeRequest({ headers: { 'x-tracker-window': 'W1\n' } }))).toThrow(/expected a one-line value/);
  });

  it('passes an API key and other variables from passEnv', () => {
    const env = prepareCodex(makeRequest({ passEnv: { OPENAI_API_KEY: 'sk-real', EXTRA: '1' } })).env;
    expect(env.OPENAI_API_KEY).toBe('sk-real');
    expect(env.EXTRA).toBe('1');
  });

  it.each(['HOME', 'CODEX_HOME'])('refuses passEnv.%s', (name) => {
    expect(() => prepareCodex(makeRequest({ passEnv: { [name]: '/elsewhere' } }))).toThrow(`expected passEnv without ${name}`);
  });

  it("signed in with ChatGPT: a placeholder login, the proxy's mirror of the ChatGPT back end, and no key", () => {
    const request = makeRequest({ login: 'chatgpt', passEnv: { OPENAI_API_KEY: 'sk-not-for-chatgpt' } });
    const launch = prepareCodex(request);
    const codexHome = join(request.homeDir, '.codex');
    expect(readdirSync(codexHome).sort()).toEqual(['auth.json', 'config.toml']);
    expect(statSync(join(codexHome, 'auth.json')).mode & 0o777).toBe(0o600);
    const config = parse(readConfig(request)) as Record<string, unknown>;
    expect(config.chatgpt_base_url).toBe('http://127.0.0.1:8787/backend-api/');
    expect((config.model_providers as Record<string, unknown>).tracker).toEqual({
      name: 'tracker',
      base_url: 'http://127.0.0.1:8787/backend-api/codex',
      wire_api: 'responses',
      requires_openai_auth: true,
      http_headers: { 'x-tracker-agent': 'main', 'x-tracker-window': 'W1' },
    });
    expect(launch.args.slice(5, 10)).toEqual(['--disable', 'plugins', '--disable', 'apps', '--']);
    // passEnv still passes (the profile chose it); the driver adds no dummy key of its own.
    expect(launch.env).toEqual({
      PATH: process.env.PATH,
      HOME: request.homeDir,
      CODEX_HOME: codexHome,
      OPENAI_API_KEY: 'sk-not-for-chatgpt',
    });
    expect(prepareCodex(makeRequest({ login: 'chatgpt' })).env.OPENAI_API_KEY).toBeUndefined();
  });

  it("the placeholder login has Codex's auth.json shape, names the placeholder account, and never needs a refresh", () => {
    const request = makeRequest({ login: 'chatgpt' });
    prepareCodex(request);
    const auth = JSON.parse(readFileSync(join(request.homeDir, '.codex', 'auth.json'), 'utf8')) as {
      OPENAI_API_KEY: null;
      tokens: Record<string, string>;
      last_refresh: string;
    };
    expect(auth.OPENAI_API_KEY).toBeNull();
    expect(auth.tokens.account_id).toBe(PLACEHOLDER_ACCOUNT_ID);
    const claims = (jwt: string | undefined): Record<string, unknown> =>
      JSON.parse(Buffer.from(String(jwt).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(claims(auth.tokens.id_token)['https://api.openai.com/auth']).toEqual({ chatgpt_account_id: PLACEHOLDER_ACCOUNT_ID });
    expect(Number(claims(auth.tokens.access_token).exp) * 1000).toBeGreaterThan(Date.now() + 365 * 86400 * 1000);
    expect(Math.abs(Date.parse(auth.last_refresh) - Date.now())).toBeLessThan(60_000);
  });

  it('is the codex driver', () => {
    expect(codexDriver.name).toBe('codex');
    expect(codexDriver.prepare).toBe(prepareCodex);
  });
});
