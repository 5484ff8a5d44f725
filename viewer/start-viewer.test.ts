// The viewer's server: who it answers (loopback by Host, else the token then its cookie), and its 4xx lines.
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
  it('refuses a non-loopback address without a token', async () => {
    await expect(startViewer({ dataDir: createDataDir(), host: '0.0.0.0', port: 0, token: null })).rejects.toThrow(/needs --token/);
  });

  it('answers loopback, refuses another Host (DNS rebinding), and says what was wrong in one JSON line', async () => {
    viewer = await startViewer({ dataDir: createDataDir(), host: '127.0.0.1', port: 0, token: null });
    const runs = await get(viewer.port, '/api/runs');
    expect(runs.status).toBe(200);
    expect(JSON.parse(runs.body).runs).toEqual([]);
    const rebound = await get(viewer.port, '/api/runs', { host: `evil.example:${viewer.port}` });
    expect(rebound.status).toBe(421);
    const bad = await get(viewer.port, '/api/arms?sort=nonsense');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/^sort must be one of window_id, /);
    expect((await get(viewer.port, '/api/arm/..%2Fetc')).status).toBe(400);
    expect((await get(viewer.port, '/api/arm/no-such-window')).status).toBe(404);
    expect((await get(viewer.port, '/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('with a token: refuses without it, trades ?token= for an HttpOnly SameSite=Strict cookie, then takes the cookie', async () => {
    viewer = await startViewer({ dataDir: createDataDir(), host: '127.0.0.1', port: 0, token: 's3cret' });
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
