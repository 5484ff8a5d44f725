// Refuses to resume a plan with another model or driver for a provider: its windows would mix two set-ups.
import { AppError } from '../kernel/index.js';
import { findDoneArms, type ProviderProfile } from '../runner/index.js';
import { describeSetup } from './describe-methodology.js';

/**
 * The plan id covers seed, providers and tasks, not what each provider runs: the windows' methodology
 * (written by describeArmMethodology) says that. Driver, model and upstream must match; a window whose
 * methodology cannot be read refuses too, rather than letting an unknown set-up through.
 */
export function checkResumeSettings(dataDir: string, planId: string, profiles: ReadonlyMap<string, ProviderProfile>): void {
  for (const window of findDoneArms(dataDir, planId).values()) {
    const profile = profiles.get(window.provider);
    if (!profile) continue;
    const was = readSetup(window.methodology) ?? 'a set-up this version cannot read';
    const now = `${profile.driver} driver, ${describeSetup(profile)}`;
    if (was !== now) {
      throw new AppError(
        'BAD_USAGE',
        `plan ${planId} ran ${window.provider} with the ${was} (window ${window.window_id}); resuming with the ${now} would mix two set-ups in one experiment: use the same --profiles and --upstream, or another --data-dir`,
        { where: '--profiles' },
      );
    }
  }
}

/**
 * "<driver> driver, model <model>, <upstream>" from "...; <driver> driver, <version>, model <model>, <upstream>; capacity: ...";
 * the version may change, and the clauses after capacity (quality, isolation) are not part of the set-up.
 */
export function readSetup(methodology: string): string | null {
  const match = /; (\w+) driver, [^;]*?, (model [^;]+); capacity:/.exec(methodology);
  return match ? `${match[1]} driver, ${match[2]}` : null;
}
