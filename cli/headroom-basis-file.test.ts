// The kept headroom basis: written whole, read back for its account, refused when stale or malformed (never thrown).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHeadroomBasis, writeHeadroomBases } from './headroom-basis-file.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const basis = {
  provider: 'claude',
  unit: 'session' as const,
  tasks: [10_000, 12_000],
  rates: { five_hour: { estimate: 1000, low: 900, high: 1100 } },
  confidence: 0.95,
  reckoned_at: '2026-11-26T12:00:00.000Z',
};

describe('the headroom basis file', () => {
  it("reads back the account's basis, and nothing for another account or a basis over a week old", () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    writeHeadroomBases(dir, 'main', [basis]);
    expect(readHeadroomBasis(dir, 'main', 'claude', NOW)).toEqual(basis);
    expect(readHeadroomBasis(dir, 'main', 'codex', NOW)).toBeNull();
    expect(readHeadroomBasis(dir, 'other', 'claude', NOW)).toBeNull();
    expect(readHeadroomBasis(dir, 'main', 'claude', NOW + 7 * 86_400_000)).toBeNull();
  });

  it('refuses what is not a basis, field by field, without throwing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    const path = join(dir, 'state', 'main', 'headroom.json');
    writeHeadroomBases(dir, 'main', []);
    for (const bad of [
      '{',
      '[]',
      JSON.stringify({ bases: [{ ...basis, tasks: ['x'] }] }),
      JSON.stringify({ bases: [{ ...basis, rates: { five_hour: { estimate: 0 } } }] }),
    ]) {
      writeFileSync(path, bad);
      expect(readHeadroomBasis(dir, 'main', 'claude', NOW)).toBeNull();
    }
  });
});
