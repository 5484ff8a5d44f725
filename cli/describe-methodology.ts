// The methodology text of a runner window: what produced the number, so a reader can judge and redo it.
import { SIMULATED_MARK } from '../ledger/index.js';
import { TOOL_VERSION } from '../kernel/index.js';
import { isSimulated, type ArmJob, type Plan, type ProviderProfile } from '../runner/index.js';

/** The isolation clause comes last, after `capacity:` and `quality:`, so check-resume-settings.ts reads the set-up as before. */
export function describeArmMethodology(plan: Plan, job: ArmJob, agentVersion: string, capacity: string, isolation: string): string {
  const letters = Object.entries(plan.arms_by_letter)
    .map(([letter, provider]) => `${letter}=${provider}`)
    .join(' ');
  return [
    `agent-tracker ${TOOL_VERSION} experiment run`,
    `plan ${plan.plan_id} (seed ${JSON.stringify(plan.seed)}, ${plan.design}, ${letters})`,
    `arm ${job.arm.arm_index + 1}/${plan.arms.length}, sequence ${job.arm.sequence}, period ${job.arm.period}, attempt ${job.attempt}`,
    `${job.profile.driver} driver, ${agentVersion}, ${describeSetup(job.profile)}`,
    capacity,
    'quality: fraction of the hidden node:test acceptance tests passing',
    isolation,
  ].join('; ');
}

/** `model M, <where it is answered>`: with the driver, what a resume must not change (check-resume-settings.ts). */
export function describeSetup(profile: ProviderProfile): string {
  const upstream = isSimulated(profile)
    ? `${SIMULATED_MARK} the scripted model server of agent-tracker answers`
    : `upstream ${describeUpstream(profile.upstream)}`;
  const login = profile.login === 'chatgpt' ? ', signed in with ChatGPT' : profile.login === 'google' ? ', signed in with Google' : '';
  return `model ${profile.model}, ${upstream}${login}`;
}

/** A preset name as it is; a URL as origin and path only (no query string, which might carry a token). */
function describeUpstream(upstream: string): string {
  if (!upstream.includes('://')) return upstream;
  const url = new URL(upstream);
  return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
}
