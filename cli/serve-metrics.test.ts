// The /metrics server: the format a scraper asks for, its token off loopback's rules, and a failed read answered, not fatal.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricsExposer } from './metrics-registry.js';
import { chooseFormat, type MetricsServer, startMetricsServer } from './serve-metrics.js';

const servers: MetricsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

/** Answers with the format it was asked for, or throws when `fail` is set. */
function makeExposer(fail = false): MetricsExposer {
  return {
    expose: async (format) => {
      if (fail) throw new Error('the ledger went away');
      return { contentType: format === 'openmetrics' ? 'application/openmetrics-text' : 'text/plain', body: `${format}\n` };
    },
  };
}

async function start(token: string | null, exposer = makeExposer(), errors: unknown[] = []): Promise<MetricsServer> {
  const server = await startMetricsServer({ host: '127.0.0.1', port: 0, token, exposer, onError: (error) => errors.push(error) });
  servers.push(server);
  return server;
}

function get(server: MetricsServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('chooseFormat', () => {
  it("takes OpenMetrics when preferred (Prometheus' own Accept), the text format otherwise", () => {
    const prometheus =
      'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    expect(chooseFormat(prometheus)).toBe('openmetrics');
    expect(chooseFormat(undefined)).toBe('prometheus');
    expect(chooseFormat('*/*')).toBe('prometheus');
    expect(chooseFormat('text/plain;version=0.0.4')).toBe('prometheus');
    expect(chooseFormat('application/openmetrics-text;q=0, text/plain')).toBe('prometheus');
    expect(chooseFormat('text/plain;q=0.2, application/openmetrics-text;q=0.9')).toBe('openmetrics');
  });
});

describe('startMetricsServer', () => {
  it('serves /metrics in the format asked for, and nothing else', async () => {
    const server = await start(null);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/metrics`);
    expect(await get(server, '/metrics', { accept: 'application/openmetrics-text; version=1.0.0' })).toEqual({
      status: 200,
      body: 'openmetrics\n',
    });
    expect(await get(server, '/metrics')).toEqual({ status: 200, body: 'prometheus\n' });
    expect((await get(server, '/other')).status).toBe(404);
  });

  it('asks for its token when it has one, and refuses a Host that is not loopback', async () => {
    const server = await start('s3cret-token');
    expect((await get(server, '/metrics')).status).toBe(401);
    expect((await get(server, '/metrics', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get(server, '/metrics', { authorization: 'Bearer s3cret-token' })).status).toBe(200);
    expect((await get(server, '/metrics', { 'x-tracker-auth': 's3cret-token' })).status).toBe(200);
    expect((await get(server, '/metrics', { host: 'evil.example:80', 'x-tracker-auth': 's3cret-token' })).status).toBe(421);
  });

  it('answers a failed read with a 500 and goes on serving', async () => {
    const errors: unknown[] = [];
    const server = await start(null, makeExposer(true), errors);
    const answer = await get(server, '/metrics');
    expect(answer.status).toBe(500);
    expect(answer.body).not.toContain('went away');
    expect(errors).toHaveLength(1);
    expect((await get(server, '/metrics')).status).toBe(500);
  });
});
