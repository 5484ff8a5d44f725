// Before the first arm of a run: the providers' agent CLIs start and their upstreams answer (issue 30, item 7).
import { AGENT_DRIVERS, type ProviderProfile } from '../runner/index.js';
import { checkAgentClis } from './check-agent-clis.js';
import { checkUpstreams } from './check-upstreams.js';

/**
 * Throws for the first provider that cannot run; with keepGoing, returns those providers with why (their arms stay
 * pending) and says each on stderr.
 */
export async function checkRunProviders(profiles: Map<string, ProviderProfile>, keepGoing: boolean): Promise<Map<string, string>> {
  const skipped = new Map([...(await checkAgentClis(profiles, AGENT_DRIVERS, keepGoing)), ...(await checkUpstreams(profiles, keepGoing))]);
  for (const [provider, why] of skipped) process.stderr.write(`note: skipping ${provider} (--keep-going): ${why}; its arms stay pending\n`);
  return skipped;
}
