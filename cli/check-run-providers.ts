// Before the first arm of a run: the providers' agent CLIs start and their upstreams answer.
import type { IsolationPlan, ProviderProfile } from '../runner/index.js';
import { checkAgentClis } from './check-agent-clis.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import { checkUpstreams } from './check-upstreams.js';

/**
 * Throws for the first provider that cannot run; with keepGoing, returns those providers with why (their arms stay
 * pending) and says each on stderr.
 */
export async function checkRunProviders(
  profiles: Map<string, ProviderProfile>,
  keepGoing: boolean,
  where: { isolation: IsolationPlan; sandboxDir: string | undefined; catalog: ProviderCatalog },
): Promise<Map<string, string>> {
  const clis = await checkAgentClis(profiles, { ...where, keepGoing });
  const skipped = new Map([...clis, ...(await checkUpstreams(profiles, keepGoing, where.catalog))]);
  for (const [provider, why] of skipped) process.stderr.write(`note: skipping ${provider} (--keep-going): ${why}; its arms stay pending\n`);
  return skipped;
}
