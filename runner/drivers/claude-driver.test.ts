// The claude driver's launch: exact arguments and a complete environment, nothing secret on disk.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeDriver, prepareClaude, tidyClaudeVersion } from './claude-driver.js';
import type { LaunchRequest } from './driver.js';

function makeRequest(overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  const root = mkdtempSync(join(tmpdir(), 'claude-driver-'));
  return {
    workDir: join(root, 'work'),
    homeDir: join(root, 'home'),
    prompt: 'Create hello.txt\nTask id: hello',
    proxyUrl: 'http://127.0.0.1:8787',
    model: 'claude-sonnet-4-5',
    headers: { 'x-tracker-window': 'W1', 'x-tracker-agent': 'main', 'x-tracker-feature': 'hello', 'x-tracker-provider': 'claude-max' },
    passEnv: {},
    ...overrides,
  };
}

const FIXED_ENV = {
  DISABLE_TELEMETRY: '1',
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL: '1',
  DISABLE_AUTOUPDATER: '1',
};

describe('prepareClaude', () => {
  it('starts claude -p in stream-json with the model and acceptEdits, the prompt last', () => {
    const request = makeRequest();
    const launch = prepareClaude(request);
    expect(launch.file).toBe('claude');
    expect(launch.cwd).toBe(request.workDir);
    expect(launch.args).toEqual([
      '-p',
      '--output-format',
      'stream-json',
      '--verbose',
      '--model',
      'claude-sonnet-4-5',
      '--permission-mode',
      'acceptEdits',
      '--',
      'Create hello.txt\nTask id: hello',
    ]);
  });

  it('gives the complete environment: nothing of the runner but PATH, a dummy key when no credential is passed', () => {
    const request = makeRequest();
    expect(prepareClaude(request).env).toEqual({
      PATH: process.env.PATH,
      HOME: request.homeDir,
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:8787',
      ANTHROPIC_CUSTOM_HEADERS: 'x-tracker-agent: main\nx-tracker-feature: hello\nx-tracker-provider: claude-max\nx-tracker-window: W1',
      ANTHROPIC_API_KEY: 'dummy',
      ...FIXED_ENV,
      // Its own OpenTelemetry, to the same proxy (the arm's base URL at a run's), the arm named on the resource.
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:8787',
      OTEL_RESOURCE_ATTRIBUTES: 'tracker.agent_id=main,tracker.feature_id=hello,tracker.provider=claude-max,tracker.window_id=W1',
    });
  });

  it('percent-encodes resource attribute values, so a "," or "=" cannot start another pair', () => {
    const env = prepareClaude(makeRequest({ headers: { 'x-tracker-window': 'a,b=c:d+e', 'x-tracker-command': '/x' } })).env;
    expect(env.OTEL_RESOURCE_ATTRIBUTES).toBe('tracker.window_id=a%2Cb%3Dc%3Ad%2Be');
  });

  it.each(['OTEL_EXPORTER_OTLP_ENDPOINT', 'CLAUDE_CODE_ENABLE_TELEMETRY', 'OTEL_RESOURCE_ATTRIBUTES'])('refuses passEnv.%s', (name) => {
    expect(() => prepareClaude(makeRequest({ passEnv: { [name]: 'elsewhere' } }))).toThrow(`expected passEnv without ${name}`);
  });

  it('uses an OAuth token from passEnv instead of the dummy key, and passes other variables as given', () => {
    const request = makeRequest({ passEnv: { CLAUDE_CODE_OAUTH_TOKEN: 'oauth-secret', EXTRA: 'x' } });
    const env = prepareClaude(request).env;
    expect(env.CLAUDE_CODE_OAUTH_TOKEN).toBe('oauth-secret');
    expect(env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(env.EXTRA).toBe('x');
  });

  it('uses an API key from passEnv', () => {
    expect(prepareClaude(makeRequest({ passEnv: { ANTHROPIC_API_KEY: 'sk-real' } })).env.ANTHROPIC_API_KEY).toBe('sk-real');
  });

  it('writes nothing under homeDir but the folder itself', () => {
    const request = makeRequest({ passEnv: { CLAUDE_CODE_OAUTH_TOKEN: 'oauth-secret' } });
    prepareClaude(request);
    expect(readdirSync(request.homeDir)).toEqual([]);
  });

  it('starts the command the profile names', () => {
    expect(prepareClaude(makeRequest({ command: '/opt/bin/claude' })).file).toBe('/opt/bin/claude');
  });

  it('drops a trailing slash from the proxy URL', () => {
    expect(prepareClaude(makeRequest({ proxyUrl: 'http://127.0.0.1:9/' })).env.ANTHROPIC_BASE_URL).toBe('http://127.0.0.1:9');
  });

  it('refuses a header value that would add a header line', () => {
    expect(() => prepareClaude(makeRequest({ headers: { 'x-tracker-window': 'W1\nx-tracker-agent: other' } }))).toThrow(
      /expected a one-line value for header x-tracker-window/,
    );
  });

  it.each(['HOME', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_CUSTOM_HEADERS', 'DISABLE_TELEMETRY'])(
    'refuses passEnv.%s, which would undo what the driver sets',
    (name) => {
      expect(() => prepareClaude(makeRequest({ passEnv: { [name]: 'x' } }))).toThrow(`expected passEnv without ${name}`);
    },
  );

  it('is the claude driver', () => {
    expect(claudeDriver.name).toBe('claude');
    expect(claudeDriver.prepare).toBe(prepareClaude);
  });
});

describe('tidyClaudeVersion', () => {
  it('names the package the way the methodology does', () => {
    expect(tidyClaudeVersion('2.1.329 (Claude Code)')).toBe('claude-code 2.1.329');
    expect(tidyClaudeVersion('something else')).toBe('something else');
  });
});
