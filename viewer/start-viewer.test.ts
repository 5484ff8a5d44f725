// The viewer's server: who it answers (its token, then its cookie; on loopback only a loopback Host), and its 4xx lines.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startViewer, type Viewer } from './start-viewer.js';

let viewer: Viewer | null = null;
afterEach(async () => {
  await viewer?.stop();
  viewer = null;
});

function createDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'viewer-'));
  writeFileSync(join(dir, 'windows.jsonl'), '');
  return dir;
}

/** A raw GET, so the Host header and cookies are ours to set. */
function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startViewer', () => {
  it('makes a fresh token per start and answers nobody without it, not even a loopback caller', async () => {
    viewer = await startViewer({ dataDir: createDataDir(), catalog: BUILT_IN_CATALOG, host: '127.0.0.1', port: 0 });
    const first = viewer.token;
    expect(first).toMatch(/^[\w-]{24}$/);
    expect(viewer.url).toBe(`http://127.0.0.1:${viewer.port}/?token=${first}`);
    const refused = await get(viewer.port, '/api/arm/any-window');
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).error).toMatch(/needs its token/);
    expect((await get(viewer.port, '/api/runs', { 'x-tracker-auth': 'guess' })).status).toBe(401);
    await viewer.stop();
    viewer = await startViewer({ dataDir: createDataDir(), catalog: BUILT_IN_CATALOG, host: '127.0.0.1', port: 0 });
    expect(viewer.token).not.toBe(first);
  });

  it('refuses an empty token', async () => {
    await expect(
      startViewer({ dataDir: createDataDir(), catalog: BUILT_IN_CATALOG, host: '127.0.0.1', port: 0, token: ' ' }),
    ).rejects.toThrow(/token is empty/);
  });

  it('on loopback refuses another Host (DNS rebinding) even with the token, and says what was wrong in one JSON line', async () => {
    viewer = await startViewer({ dataDir: createDataDir(), catalog: BUILT_IN_CATALOG, host: '127.0.0.1', port: 0 });
    const auth = { 'x-tracker-auth': viewer.token };
    const runs = await get(viewer.port, '/api/runs', auth);
    expect(runs.status).toBe(200);
    expect(JSON.parse(runs.body).runs).toEqual([]);
    const rebound = await get(viewer.port, '/api/runs', { ...auth, host: `evil.example:${viewer.port}` });
    expect(rebound.status).toBe(421);
    const bad = await get(viewer.port, '/api/arms?sort=nonsense', auth);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/^sort must be one of window_id, /);
    expect((await get(viewer.port, '/api/arm/..%2Fetc', auth)).status).toBe(400);
    expect((await get(viewer.port, '/api/arm/no-such-window', auth)).status).toBe(404);
    expect((await get(viewer.port, '/assets/..%2F..%2Fpackage.json', auth)).status).toBe(404);
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie, then takes the cookie', async () => {
    viewer = await startViewer({ dataDir: createDataDir(), catalog: BUILT_IN_CATALOG, host: '127.0.0.1', port: 0, token: 's3cret' });
    expect(viewer.url).toMatch(/\?token=s3cret$/);
    expect((await get(viewer.port, '/api/runs')).status).toBe(401);
    expect((await get(viewer.port, '/api/runs?token=wrong')).status).toBe(401);
    const traded = await get(viewer.port, '/arms?token=s3cret&x=1');
    expect(traded.status).toBe(303);
    expect(traded.headers.location).toBe('/arms?x=1');
    const cookie = String(traded.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const withCookie = await get(viewer.port, '/api/runs', { cookie: cookie.split(';')[0] as string });
    expect(withCookie.status).toBe(200);
    expect((await get(viewer.port, '/api/runs', { 'x-tracker-auth': 's3cret' })).status).toBe(200);
  });
});
