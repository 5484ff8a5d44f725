// A plan's simulated power kept between runs of the same build: `experiment plan` then `experiment run` simulate it once.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeJsonAtomically } from '../ledger/index.js';
import type { RatioPowerInput, RatioPowerPlan } from '../reports/index.js';

/**
 * The figures are a pure function of the request and the code (seeded simulations: reports/metrics/simulate-ratio-power.ts), and simulating
 * them took 4 to 7 s of CPU on every start of a plan (the tasks-needed search alone 3 to 4 s, whatever the plan's
 * size). So they are kept under the user's cache folder, keyed by the request and the build's source hash
 * (dist/.source-hash, scripts/build.sh): a rebuilt checkout never reads another build's figures, and a run from the
 * sources (no build hash) always simulates. `TRACKER_CACHE=off` simulates every time. A file that does not read back
 * as this key's figures is simulated again and replaced; a cache that cannot be written is no error.
 */
export function rememberPlanPower(
  input: RatioPowerInput,
  simulate: () => RatioPowerPlan,
  folder: CacheFolder | null = locateCacheFolder(),
): RatioPowerPlan {
  if (folder === null) return simulate();
  const key = createHash('sha256').update(JSON.stringify(input)).update(folder.build).digest('hex');
  const file = join(folder.path, `${key}.json`);
  const kept = readKept(file, key);
  if (kept !== null) return kept;
  const figures = simulate();
  try {
    writeJsonAtomically(file, { key, figures });
  } catch {
    // A read-only or full cache folder only costs the next run the simulation.
  }
  return figures;
}

/** Where the figures are kept, and the build they belong to. */
export interface CacheFolder {
  path: string;
  build: string;
}

let located: CacheFolder | null | undefined;

/** The cache folder and the build's source hash, or null (no build hash, or the cache turned off). */
function locateCacheFolder(): CacheFolder | null {
  if (located !== undefined) return located;
  located = null;
  if (process.env.TRACKER_CACHE === 'off') return located;
  // The bins run from dist/cli or dist/cli/chunks; the hash sits at dist/.source-hash.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 3; up += 1, dir = dirname(dir)) {
    const hashFile = join(dir, '.source-hash');
    if (!existsSync(hashFile)) continue;
    const build = readFileSync(hashFile, 'utf8').trim();
    const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
    if (build !== '') located = { path: join(base, 'agent-tracker', 'plan-power'), build };
    break;
  }
  return located;
}

function readKept(file: string, key: string): RatioPowerPlan | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; figures?: unknown };
    if (parsed.key !== key || typeof parsed.figures !== 'object' || parsed.figures === null) return null;
    const figures = parsed.figures as RatioPowerPlan;
    const numberOrNull = (value: unknown) => value === null || (typeof value === 'number' && Number.isFinite(value));
    const whole =
      numberOrNull(figures.power_planned) &&
      numberOrNull(figures.tasks_for_power) &&
      numberOrNull(figures.detectable_ratio) &&
      typeof figures.model === 'string' &&
      Array.isArray(figures.notes);
    return whole ? figures : null;
  } catch {
    return null;
  }
}
