// A proxy whose port is taken starts nothing of its failover chain: no read of the quota endpoint, no state file.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAILOVER_STATE_FILE } from '../../ledger/index.js';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import type { RunningProxy } from './proxy-options.js';
import { startProxy } from './start-proxy.js';

let quota: Server | null = null;
let taken: Server | null = null;
let proxy: RunningProxy | null = null;
let dataDir = '';
let reads = 0;

afterEach(async () => {
  await proxy?.stop(0);
  proxy = null;
  for (const server of [quota, taken]) if (server) await new Promise((resolve) => server.close(resolve));
  quota = taken = null;
  reads = 0;
  rmSync(dataDir, { recursive: true, force: true });
});

async function listenOn(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A chain whose first back end's bars are read from a loopback quota endpoint every second. */
async function startWithQuota(port: number): Promise<RunningProxy> {
  quota = createServer((req, res) => {
    reads += 1;
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
  const quotaPort = await listenOn(quota);
  const env = {
    ZAI_API_KEY: 'zai-key-0123456789',
    CLAUDE_CODE_OAUTH_TOKEN: 'first-account-login-0123456789',
    TRACKER_QUOTA_URL_CLAUDE: `http://127.0.0.1:${quotaPort}/api/oauth/usage`,
  };
  const config = ProxyConfigSchema.parse({ failover: { chain: [{ backend: 'glm' }], quota: { endpoint: 'claude', every_s: 1 } } });
  const table = buildRoutingTable(config, [], 'anthropic', env, BUILT_IN_CATALOG);
  dataDir = mkdtempSync(join(tmpdir(), 'failed-start-'));
  return startProxy({ table, dataDir, agentId: 'main', env, port, flushMs: 10 });
}

async function settle(): Promise<void> {
  // Long enough for a read sent at the start to reach the loopback endpoint (it takes a few milliseconds).
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe('a proxy with a failover chain whose start fails', () => {
  it('reads its quota endpoint once it listens (so the setup below would see a read)', async () => {
    proxy = await startWithQuota(0);
    await settle();
    expect(reads).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, FAILOVER_STATE_FILE))).toBe(true);
  });

  it('on a port already taken: refused, with no read of the quota endpoint and no state file left', async () => {
    taken = createServer();
    const port = await listenOn(taken);
    await expect(startWithQuota(port)).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    await settle();
    expect(reads).toBe(0);
    expect(existsSync(join(dataDir, FAILOVER_STATE_FILE))).toBe(false);
  });
});
