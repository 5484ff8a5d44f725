// Unit checks of the budget bench's pieces that need no servers: seeded limits, the on/off ratios, the upstream's log lines.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawLimits } from './budget-overshoot.js';
import { BUDGETS_OFF, BUDGETS_ON, compareLoads, DIRECT, isOverTarget } from './budget-ratios.js';
import { createEmptySample } from './proxy-load.js';
import type { PhaseResult } from './proxy-phases.js';
import { readRequestSeq, readUpstreamLog } from './upstream-log.js';

describe('drawLimits', () => {
  it('draws whole limits in range, the same for the same seed', () => {
    const plan = { runs: 500, minLimit: 50, maxLimit: 1_500, seed: 7 };
    const limits = drawLimits(plan);
    expect(limits).toHaveLength(500);
    expect(limits.every((limit) => Number.isInteger(limit) && limit >= 50 && limit <= 1_500)).toBe(true);
    expect(new Set(limits).size).toBeGreaterThan(300);
    expect(drawLimits(plan)).toEqual(limits);
    expect(drawLimits({ ...plan, seed: 8 })).not.toEqual(limits);
  });
});

function phase(target: string, lastMs: number, cpuMs: number | null): PhaseResult {
  const sample = { ...createEmptySample(), firstMs: [lastMs, lastMs], lastMs: [lastMs, lastMs], requests: 2, wallMs: 2 * lastMs };
  return { target, body: 'small', clients: 1, sample, cpuMs, mainCpuMs: cpuMs, upstreamCpuMs: 0, clientCpuMs: 0 };
}

describe('compareLoads', () => {
  it('compares added latency over direct, throughput and CPU of budgets on against off', () => {
    const [comparison] = compareLoads([phase(DIRECT, 1, null), phase(BUDGETS_OFF, 2, 2), phase(BUDGETS_ON, 2.05, 2.1)]);
    expect(comparison?.onVsOff.addedP50).toBeCloseTo(1.05);
    expect(comparison?.onVsOff.perSecond).toBeCloseTo(2 / 2.05);
    expect(comparison?.onVsOff.cpuPerRequest).toBeCloseTo(1.05);
    expect(comparison?.twinVsOff).toBeNull();
    expect(isOverTarget(compareLoads([phase(DIRECT, 1, null), phase(BUDGETS_OFF, 2, 2), phase(BUDGETS_ON, 2.2, 2)]))).toBe(true);
  });
});

describe('readUpstreamLog', () => {
  it('reads what a cut answer had sent, and a complete one as all of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-bench-'));
    try {
      const file = join(dir, 'upstream.log');
      writeFileSync(
        file,
        [
          '#7 POST /v1/messages?beta=true model=claude-sonnet-4-5-20250929 stream step=0:text 200 client_closed in=1200 out=2000 cache_read=0 cache_creation=0 sent_out=260 (26 deltas) 432ms',
          '#8 POST /v1/messages?beta=true model=claude-sonnet-4-5-20250929 stream step=0:text 200 complete in=1200 out=2000 cache_read=0 cache_creation=0 3012ms',
          'SIGTERM: stopping after 8 request(s)',
        ].join('\n'),
      );
      const records = readUpstreamLog(file, 200);
      expect(records.get(7)).toEqual({
        seq: 7,
        outcome: 'client_closed',
        output_tokens_sent: 260,
        content_deltas_sent: 26,
        duration_ms: 432,
      });
      expect(records.get(8)).toMatchObject({ outcome: 'complete', output_tokens_sent: 2000, content_deltas_sent: 200 });
      expect(records.size).toBe(2);
      expect(readRequestSeq('req_scripted_000007')).toBe(7);
      expect(readRequestSeq(null)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
