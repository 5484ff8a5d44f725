// One undici keep-alive pool per back end, created on first use and closed with the proxy.
import { Pool } from 'undici';
import type { Backend } from '../config/build-routing-table.js';

export class BackendPools {
  private readonly pools = new Map<string, Pool>();

  get(backend: Backend): Pool {
    let pool = this.pools.get(backend.name);
    if (!pool) {
      pool = new Pool(backend.origin, {
        connections: backend.connections,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        headersTimeout: backend.headersTimeoutMs,
        bodyTimeout: backend.bodyTimeoutMs,
      });
      this.pools.set(backend.name, pool);
    }
    return pool;
  }

  /** Aborts whatever is still in flight and closes every connection. */
  async destroy(): Promise<void> {
    await Promise.allSettled([...this.pools.values()].map((pool) => pool.destroy()));
    this.pools.clear();
  }
}
