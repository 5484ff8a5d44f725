// Tests rule order, matching on model, alias, header and path, presets, and the errors that name the bad key.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { buildRoutingTable, pickRoute, type RouteRequest } from './build-routing-table.js';
import { parseProxyConfig } from './load-proxy-config.js';
import { parseRouteFlag } from './parse-route-flag.js';
import { isAppError, redactText } from '../../kernel/index.js';

/** The error line as the CLI prints it: redacted, so a test sees what the user reads. */
function catchLine(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return redactText(error.toLine());
    throw error;
  }
  throw new Error('expected an error');
}

const request = (model: string | null, headers: RouteRequest['headers'] = {}, path = '/v1/messages'): RouteRequest => ({
  model,
  headers,
  path,
});
const env = { ZAI_API_KEY: 'zai-test' };

describe('buildRoutingTable', () => {
  it('sends haiku to GLM with the model rewritten, everything else to the default', () => {
    const table = buildRoutingTable(
      parseProxyConfig('{}', 'c'),
      [parseRouteFlag('claude-haiku-*=glm,model=glm-4.5-air', 0)],
      'http://127.0.0.1:9',
      env,
      BUILT_IN_CATALOG,
    );
    const haiku = pickRoute(table, request('claude-haiku-4-5-20251001'));
    expect([haiku.backend.name, haiku.backend.origin, haiku.backend.basePath, haiku.rewriteModel]).toEqual([
      'glm',
      'https://api.z.ai',
      '/api/anthropic',
      'glm-4.5-air',
    ]);
    expect(haiku.backend.auth).toEqual({ env: 'ZAI_API_KEY', header: 'authorization' });
    const sonnet = pickRoute(table, request('claude-sonnet-4-5'));
    expect([sonnet.name, sonnet.backend.origin]).toEqual(['default', 'http://127.0.0.1:9']);
    expect(pickRoute(table, request(null)).name).toBe('default');
  });

  it('matches the alias the user set with ANTHROPIC_DEFAULT_HAIKU_MODEL, headers and paths', () => {
    const config = parseProxyConfig(
      JSON.stringify({
        backends: { cheap: { url: 'http://127.0.0.1:7/base/' } },
        routes: [
          { name: 'by-agent', match: { headers: { 'x-tracker-agent': 'sub*' } }, backend: 'cheap' },
          { name: 'tier', match: { model_alias: 'haiku' }, backend: 'cheap', subagent: 'haiku' },
          { name: 'count', match: { path: { regex: 'count_tokens$' } }, backend: 'cheap' },
        ],
      }),
      'c.json',
    );
    const table = buildRoutingTable(config, [], undefined, { ANTHROPIC_DEFAULT_HAIKU_MODEL: 'my-small-model' }, BUILT_IN_CATALOG);
    expect(pickRoute(table, request('claude-opus-4', { 'x-tracker-agent': 'sub1' })).name).toBe('by-agent');
    const mixedCase = buildRoutingTable(
      parseProxyConfig('{"routes":[{"match":{"headers":{"X-Tracker-Agent":"sub*"}},"backend":"glm"}]}', 'c'),
      [],
      undefined,
      env,
      BUILT_IN_CATALOG,
    );
    expect(pickRoute(mixedCase, request('x', { 'x-tracker-agent': 'sub2' })).backend.name).toBe('glm');
    expect(pickRoute(table, request('claude-opus-4', { 'x-tracker-agent': 'main' })).name).toBe('default');
    expect(pickRoute(table, request('my-small-model')).name).toBe('tier');
    expect(pickRoute(table, request('claude-3-5-haiku-latest')).subagent).toBe('haiku');
    expect(pickRoute(table, request('x', {}, '/v1/messages/count_tokens')).name).toBe('count');
    expect(table.fallback.backend.origin).toBe('https://api.anthropic.com');
    expect(table.backends.find((backend) => backend.name === 'cheap')?.basePath).toBe('/base');
  });

  it('refuses a back end whose key variable is unset, and unknown targets', () => {
    const unset = catchLine(() =>
      buildRoutingTable(parseProxyConfig('{}', 'c'), [parseRouteFlag('*haiku*=glm', 0)], undefined, {}, BUILT_IN_CATALOG),
    );
    expect(unset).toBe('back end glm: its key comes from the environment variable ZAI_API_KEY, which is not set');
    expect(() => buildRoutingTable(parseProxyConfig('{}', 'c'), [parseRouteFlag('x=nowhere', 0)], undefined, {}, BUILT_IN_CATALOG)).toThrow(
      /--route #1.backend|a preset/,
    );
  });
});

describe('parseProxyConfig', () => {
  it('names the bad key and the file', () => {
    expect(() => parseProxyConfig('{"routes":[{"match":{"modle":"x"},"backend":"glm"}]}', 'proxy.json')).toThrow(/routes\[0\]\.match/);
    expect(() => parseProxyConfig('{"backends":{"glm":{"url":"ftp://x"}}}', 'proxy.json')).toThrow(/backends\.glm\.url/);
    expect(() => parseProxyConfig('{"routes": [', 'proxy.json')).toThrow(/expected JSON.*line 1/);
  });

  it('refuses keys written into the file', () => {
    const line = catchLine(() => parseProxyConfig('{"backends":{"glm":{"preset":"glm","api_key":"zai-secret"}}}', 'proxy.json'));
    expect(line).toBe(
      'proxy.json: found a key written at backends.glm.api_key; keys never go in the file, so put it in an environment variable and give its name as auth_env',
    );
  });
});

describe('parseRouteFlag', () => {
  it('reads the target and options, and refuses a malformed flag', () => {
    expect(parseRouteFlag('claude-haiku-*=http://127.0.0.1:5,model=glm-4.5-air,subagent=haiku', 0)).toEqual({
      match: { model: 'claude-haiku-*' },
      backend: 'http://127.0.0.1:5',
      rewrite_model: 'glm-4.5-air',
      subagent: 'haiku',
    });
    expect(() => parseRouteFlag('no-equals', 1)).toThrow(/MODEL_GLOB=TARGET/);
    expect(() => parseRouteFlag('a=glm,colour=red', 2)).toThrow(/model=NEW_MODEL/);
    expect(parseRouteFlag('a=glm,model=x=y', 3).rewrite_model).toBe('x=y');
  });
});

describe('parseBackendFlag', () => {
  it('names a keyless back end at a URL that shadows the preset of that name', async () => {
    const { parseBackendFlag } = await import('./parse-route-flag.js');
    const config = {
      ...parseProxyConfig('{}', 'c'),
      backends: Object.fromEntries([parseBackendFlag(BUILT_IN_CATALOG, 'glm=http://127.0.0.1:9100', 0)]),
    };
    const table = buildRoutingTable(config, [parseRouteFlag('claude-haiku-*=glm,model=glm-4.5-air', 0)], undefined, {}, BUILT_IN_CATALOG);
    const route = pickRoute(table, request('claude-haiku-4-5'));
    expect([route.backend.name, route.backend.origin, route.backend.auth, route.backend.provider]).toEqual([
      'glm',
      'http://127.0.0.1:9100',
      null,
      'glm',
    ]);
    expect(() => parseBackendFlag(BUILT_IN_CATALOG, 'glm', 0)).toThrow(/NAME=http/);
  });
});
