// The headroom's basis kept in the agent's state (written by `tracker plans`, read by `tracker statusline`): the status
// line reckons tasks left on the bars it is handed without reading the ledger on every prompt.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveAgentStateDir, writeJsonAtomically } from '../ledger/store/index.js';
import type { HeadroomBasis } from '../reports/headroom/index.js';

const FILE = 'headroom.json';
/** Older than this, a basis is not shown: the calibration and the recent tasks it holds may have moved. */
const MAX_AGE_MS = 7 * 86_400_000;

export function writeHeadroomBases(dataDir: string, agentId: string, bases: readonly HeadroomBasis[]): void {
  writeJsonAtomically(join(resolveAgentStateDir(dataDir, agentId), FILE), { bases });
}

/** The basis of one account, if a recent one is kept and well-formed; else null (never throws). */
export function readHeadroomBasis(dataDir: string, agentId: string, provider: string, nowMs: number): HeadroomBasis | null {
  try {
    const value = JSON.parse(readFileSync(join(resolveAgentStateDir(dataDir, agentId), FILE), 'utf8')) as { bases?: unknown };
    const basis = (Array.isArray(value.bases) ? value.bases : []).find((one: unknown) => isBasis(one) && one.provider === provider);
    return basis && nowMs - Date.parse(basis.reckoned_at) <= MAX_AGE_MS ? basis : null;
  } catch {
    return null;
  }
}

/** A kept basis, checked field by field (the status line loads no schema library: it runs on every prompt). */
function isBasis(value: unknown): value is HeadroomBasis {
  if (typeof value !== 'object' || value === null) return false;
  const one = value as Record<string, unknown>;
  const finite = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  const spread = (x: unknown) =>
    typeof x === 'object' && x !== null && finite((x as Record<string, unknown>).estimate) && (x as Record<string, unknown>).estimate !== 0;
  return (
    typeof one.provider === 'string' &&
    (one.unit === 'session' || one.unit === 'request') &&
    Array.isArray(one.tasks) &&
    one.tasks.every(finite) &&
    typeof one.rates === 'object' &&
    one.rates !== null &&
    Object.values(one.rates).every(spread) &&
    finite(one.confidence) &&
    typeof one.reckoned_at === 'string' &&
    Number.isFinite(Date.parse(one.reckoned_at))
  );
}
