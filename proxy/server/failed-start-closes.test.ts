// A proxy whose port is taken closes the row writer it opened (a data dir bound to PostgreSQL holds a pool of connections).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import { startProxy } from './start-proxy.js';

const queues = vi.hoisted(() => ({ opened: 0, closed: 0 }));

vi.mock('../telemetry/open-row-queue.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../telemetry/open-row-queue.js')>();
  return {
    openRowQueue: (...args: Parameters<typeof real.openRowQueue>) => {
      const queue = real.openRowQueue(...args);
      queues.opened += 1;
      const close = queue.close.bind(queue);
      queue.close = () => {
        queues.closed += 1;
        return close();
      };
      return queue;
    },
  };
});

describe('a proxy whose start fails', () => {
  it('on a port already taken: refused, and the row writer it opened is closed', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'failed-start-'));
    const table = buildRoutingTable(ProxyConfigSchema.parse({}), [], 'anthropic', {}, BUILT_IN_CATALOG);
    try {
      await expect(startProxy({ table, dataDir, agentId: 'main', env: {}, port })).rejects.toThrow('already in use');
      expect(queues).toEqual({ opened: 1, closed: 1 });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
