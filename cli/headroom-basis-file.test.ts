// The kept headroom basis: written whole, read back for its account, refused when stale or malformed (never thrown).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('refuses a basis whose figures are out of range: the line printed ~-7.3 and ~Infinity sessions from such', () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    const five = (estimate: number) => ({ five_hour: { estimate, low: null, high: null } });
    for (const bad of [
      { ...basis, rates: five(-1000) },
      { ...basis, rates: five(1e308) },
      { ...basis, tasks: [1e-300] },
      { ...basis, tasks: [-5, 10_000] },
      { ...basis, confidence: 2 },
      { ...basis, rates: { five_hour: { estimate: 1000, low: -1, high: 1100 } } },
      { ...basis, reckoned_at: '2027-11-27T12:00:00.000Z' },
    ]) {
      writeHeadroomBases(dir, 'main', [bad]);
      expect(readHeadroomBasis(dir, 'main', 'claude', NOW)).toBeNull();
    }
  });

  it('reads no FIFO, device or folder in its place: it returns null at once instead of hanging the prompt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    const path = join(dir, 'state', 'main', 'headroom.json');
    mkdirSync(join(dir, 'state', 'main'), { recursive: true });
    execFileSync('mkfifo', [path]);
    expect(readHeadroomBasis(dir, 'main', 'claude', NOW)).toBeNull();
    rmSync(path);
    symlinkSync('/dev/zero', path);
    expect(readHeadroomBasis(dir, 'main', 'claude', NOW)).toBeNull();
    rmSync(path);
    mkdirSync(path);
    expect(readHeadroomBasis(dir, 'main', 'claude', NOW)).toBeNull();
  });
});
