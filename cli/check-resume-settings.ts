// Refuses to resume a plan with another model or driver for a provider: its windows would mix two set-ups.
import { AppError } from '../ledger/index.js';
import { findRunProgress, type ProviderProfile } from '../runner/index.js';

/**
 * The plan id covers seed, providers and tasks, not what each provider runs: the windows' methodology
 * (written by describeArmMethodology: "<driver> driver, <version>, model <model>, ...") says that.
 */
export function checkResumeSettings(dataDir: string, planId: string, profiles: ReadonlyMap<string, ProviderProfile>): void {
  for (const window of findRunProgress(dataDir, planId).done.values()) {
    const profile = profiles.get(window.provider);
    const match = /; (\w+) driver, [^;]*, model ([^,;]+),/.exec(window.methodology);
    if (!profile || !match) continue;
    const [, driver, model] = match;
    if (driver !== profile.driver || model !== profile.model) {
      throw new AppError(
        'BAD_USAGE',
        `plan ${planId} ran ${window.provider} with the ${driver} driver and model ${model} (window ${window.window_id}); resuming with the ${profile.driver} driver and model ${profile.model} would mix two set-ups in one experiment: use the same --profiles, or another --data-dir`,
        { where: '--profiles' },
      );
    }
  }
}
