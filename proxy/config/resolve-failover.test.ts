// A chain that could never work is refused at start, naming the entry: another API, a loop, no credential.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { buildRoutingTable } from './build-routing-table.js';
import { ProxyConfigSchema } from './proxy-config-schema.js';

const ENV = { ZAI_API_KEY: 'k', CLAUDE_B: 't' };

function build(config: unknown): () => unknown {
  return () => buildRoutingTable(ProxyConfigSchema.parse(config), [], 'anthropic', ENV, BUILT_IN_CATALOG);
}

describe('resolveFailover', () => {
  it('resolves the chain after the default back end, with each rewrite', () => {
    const table = buildRoutingTable(
      ProxyConfigSchema.parse({
        backends: { 'claude-b': { preset: 'anthropic', auth_env: 'CLAUDE_B', auth_header: 'authorization' } },
        failover: { chain: [{ backend: 'claude-b' }, { backend: 'glm', rewrite_model: 'glm-4.6' }], at_pct: 95 },
      }),
      [],
      'anthropic',
      ENV,
      BUILT_IN_CATALOG,
    );
    expect(table.failover?.members.map((member) => [member.backend.name, member.rewriteModel])).toEqual([
      ['anthropic', null],
      ['claude-b', null],
      ['glm', 'glm-4.6'],
    ]);
    expect(table.failover?.atPct).toBe(95);
  });

  it('refuses a back end that speaks another API than the client', () => {
    expect(build({ backends: { o: { preset: 'openai', auth_env: 'CLAUDE_B' } }, failover: { chain: [{ backend: 'o' }] } })).toThrowError(
      expect.objectContaining({ where: 'failover.chain[0]', message: expect.stringContaining('speaks openai-responses') }),
    );
  });

  it('refuses a loop, naming the entry that closes it', () => {
    expect(build({ failover: { chain: [{ backend: 'glm' }, { backend: 'glm' }] } })).toThrowError(
      expect.objectContaining({ where: 'failover.chain[1]' }),
    );
    expect(build({ failover: { chain: [{ backend: 'anthropic' }] } })).toThrowError(
      expect.objectContaining({ where: 'failover.chain[0]' }),
    );
  });

  it('refuses a back end with no credential of its own', () => {
    expect(build({ backends: { b: { url: 'http://127.0.0.1:9' } }, failover: { chain: [{ backend: 'b' }] } })).toThrowError(
      expect.objectContaining({ where: 'failover.chain[0]', message: expect.stringContaining('no credential of its own') }),
    );
  });
});
