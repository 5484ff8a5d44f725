// Refuses to resume a plan with another model, driver, estimand, plan or upstream: its windows would mix two set-ups.
import { AppError } from '../kernel/index.js';
import type { AnalysisPlanRow } from '../ledger/index.js';
import { readRegisteredAnalyses } from '../ledger/runs/index.js';
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

/**
 * A resume whose flags change what the plan registered (`--estimand`, a `--plan`, `--upstream`) would measure another
 * experiment under the registered plan's name: refused with the first difference, its flag and both values. Rows
 * registered before their run flags were kept are compared on the estimand only.
 */
export function checkResumeAnalysis(dataDir: string, planId: string, now: Pick<AnalysisPlanRow, 'estimand' | 'run_flags'>): void {
  const registered = readRegisteredAnalyses(dataDir, planId).get(planId);
  if (!registered) return;
  const difference = findRunFlagDifference(registered, now);
  if (difference === null) return;
  throw new AppError(
    'BAD_USAGE',
    `plan ${planId} was registered with ${difference.flag} ${difference.was}; this command gives ${difference.now}, another experiment: resume with ${difference.flag} ${difference.was} (experiment status prints the whole command), or use another --seed or --data-dir`,
    { where: difference.flag, kind: 'resume-changes-plan' },
  );
}

interface FlagDifference {
  flag: string;
  was: string;
  now: string;
}

/** The first of upstream, plans (provider by provider), estimand that differs, or null. */
export function findRunFlagDifference(
  registered: Pick<AnalysisPlanRow, 'estimand' | 'run_flags'>,
  now: Pick<AnalysisPlanRow, 'estimand' | 'run_flags'>,
): FlagDifference | null {
  const was = registered.run_flags;
  const is = now.run_flags;
  if (was && is) {
    if (was.upstream !== is.upstream) return { flag: '--upstream', was: was.upstream ?? '(none)', now: is.upstream ?? '(none)' };
    const providers = [...new Set([...Object.keys(was.plans), ...Object.keys(is.plans)])].sort();
    for (const provider of providers) {
      const before = was.plans[provider];
      const after = is.plans[provider];
      if (before !== after)
        return {
          flag: '--plan',
          was: before ? `${provider}=${before}` : `(none for ${provider})`,
          now: after ? `${provider}=${after}` : `no --plan for ${provider}`,
        };
    }
  }
  if (registered.estimand !== now.estimand) return { flag: '--estimand', was: registered.estimand, now: now.estimand };
  return null;
}
