// The gemini driver's launch: exact arguments, a complete environment, settings that hold no secret.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LaunchRequest } from './driver.js';
import { formatHeaderList } from './check-headers.js';
import { prepareGemini, selectGeminiApproval } from './gemini-driver.js';

function makeRequest(overrides: Partial<LaunchRequest> = {}): LaunchRequest {
  const root = mkdtempSync(join(tmpdir(), 'gemini-driver-'));
  return {
    workDir: join(root, 'work'),
    homeDir: join(root, 'home'),
    prompt: '-starts with a dash\nTask id: hello',
    proxyUrl: 'http://127.0.0.1:8787/_arm/abc/',
    model: 'gemini-2.5-pro',
    headers: { 'x-tracker-window': 'W1', 'x-tracker-agent': 'main' },
    passEnv: {},
    ...overrides,
  };
}

describe('prepareGemini', () => {
  it('starts gemini headless in stream-json with the model, the prompt as one --prompt= value, yolo only when isolated', () => {
    const request = makeRequest({ isolated: true });
    const launch = prepareGemini(request);
    expect(launch).toMatchObject({ file: 'gemini', cwd: request.workDir });
    expect(launch.args).toEqual([
      '--prompt=-starts with a dash\nTask id: hello',
      '--output-format',
      'stream-json',
      '--model',
      'gemini-2.5-pro',
      '--approval-mode',
      'yolo',
      '--skip-trust',
    ]);
    expect(prepareGemini(makeRequest()).args).toContain('auto_edit');
    expect([selectGeminiApproval(true), selectGeminiApproval(false)]).toEqual(['yolo', 'auto_edit']);
  });

  it('points the CLI and its OpenTelemetry at the arm URL, a dummy key unless one is passed, and writes no secret', () => {
    const request = makeRequest({ passEnv: { GEMINI_API_KEY: 'AIza-secret-key' } });
    const { env } = prepareGemini(request);
    expect(env).toMatchObject({
      HOME: request.homeDir,
      GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:8787/_arm/abc',
      GEMINI_CLI_CUSTOM_HEADERS: 'x-tracker-agent: main, x-tracker-window: W1',
      GEMINI_TELEMETRY_OTLP_ENDPOINT: 'http://127.0.0.1:8787/_arm/abc',
      GEMINI_TELEMETRY_LOG_PROMPTS: 'false',
      OTEL_RESOURCE_ATTRIBUTES: 'tracker.agent_id=main,tracker.window_id=W1',
      GEMINI_API_KEY: 'AIza-secret-key',
    });
    expect(prepareGemini(makeRequest()).env.GEMINI_API_KEY).toBe('dummy');
    const settingsFile = join(request.homeDir, '.gemini', 'system-settings.json');
    expect(prepareGemini(request).env.GEMINI_CLI_SYSTEM_SETTINGS_PATH).toBe(settingsFile);
    const settings = readFileSync(settingsFile, 'utf8');
    expect(JSON.parse(settings)).toMatchObject({
      security: { auth: { selectedType: 'gemini-api-key' } },
      privacy: { usageStatisticsEnabled: false },
    });
    expect(statSync(settingsFile).mode & 0o777).toBe(0o600);
  });

  it('refuses a passEnv that would move its traffic, and a header value Gemini CLI would split', () => {
    expect(() => prepareGemini(makeRequest({ passEnv: { GOOGLE_GEMINI_BASE_URL: 'http://elsewhere' } }))).toThrow(
      'expected passEnv without GOOGLE_GEMINI_BASE_URL',
    );
    expect(() => prepareGemini(makeRequest({ headers: { 'x-tracker-window': 'a, x-evil: 1' } }))).toThrow('without ","');
    expect(formatHeaderList({})).toBe('');
  });
});

describe('prepareGemini signed in with Google', () => {
  it('points Gemini CLI at Code Assist through the proxy with a placeholder token, no API key, oauth-personal settings', () => {
    const request = makeRequest({ login: 'google', passEnv: { GOOGLE_CLOUD_PROJECT: 'my-project-123' } });
    const launch = prepareGemini(request);
    expect(launch.env).toMatchObject({
      CODE_ASSIST_ENDPOINT: 'http://127.0.0.1:8787/_arm/abc',
      GOOGLE_GENAI_USE_GCA: 'true',
      GOOGLE_CLOUD_ACCESS_TOKEN: 'google',
    });
    expect(launch.env.GOOGLE_CLOUD_PROJECT).toBe('my-project-123');
    expect(launch.env.GOOGLE_GEMINI_BASE_URL).toBeUndefined();
    expect(launch.env.GEMINI_API_KEY).toBeUndefined();
    // The driver owns the token: a real one passed from the runner's environment is refused, never sent into the sandbox.
    expect(() => prepareGemini(makeRequest({ login: 'google', passEnv: { GOOGLE_CLOUD_ACCESS_TOKEN: 'ya29.real' } }))).toThrow(
      'expected passEnv without GOOGLE_CLOUD_ACCESS_TOKEN',
    );
    const settings = JSON.parse(readFileSync(join(request.homeDir, '.gemini', 'settings.json'), 'utf8'));
    expect(settings.security.auth.selectedType).toBe('oauth-personal');
    expect(prepareGemini(makeRequest()).env.GOOGLE_GEMINI_BASE_URL).toBe('http://127.0.0.1:8787/_arm/abc');
  });
});
