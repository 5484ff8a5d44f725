// Before the first arm: every real upstream the run's providers name must answer over HTTP, or their arms cannot run.
import { request } from 'undici';
import { AppError, escapeControls } from '../kernel/index.js';
import { findPreset } from '../proxy/index.js';
import { findSecondSubscription, type ProviderProfile } from '../runner/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';

/** Long enough for a TLS handshake on a slow link, short enough that a run does not hang on a dead route. */
const ANSWER_TIMEOUT_MS = 8_000;

/** The URL of each upstream the profiles send traffic to (the scripted server is started by the run itself). */
function listUpstreams(profiles: ReadonlyMap<string, ProviderProfile>, catalog: ProviderCatalog): Map<string, string[]> {
  const urls = new Map<string, string[]>();
  for (const [id, profile] of profiles) {
    for (const upstream of [profile.upstream, findSecondSubscription(profile)?.upstream]) {
      if (upstream === undefined || upstream === 'scripted') continue;
      const url = findPreset(catalog, upstream)?.url ?? upstream;
      urls.set(url, [...(urls.get(url) ?? []), id]);
    }
  }
  return urls;
}

/**
 * A GET of each upstream's base URL: any HTTP answer (404 and 401 included) means the proxy can reach it; a DNS,
 * connection, TLS or timeout error means every arm through it would end in the proxy's 502s, which used to be scored
 * as the provider's failures. Whether the credentials are accepted is not checked here (a subscription's OAuth token
 * cannot be tried without spending from it); an arm whose requests all fail is still an infrastructure failure.
 * Returns the providers to skip (keepGoing) with why; throws `upstream-unreachable` otherwise.
 */
export async function checkUpstreams(
  profiles: ReadonlyMap<string, ProviderProfile>,
  keepGoing: boolean,
  catalog: ProviderCatalog,
): Promise<Map<string, string>> {
  const skipped = new Map<string, string>();
  for (const [url, providers] of listUpstreams(profiles, catalog)) {
    const problem = await probeUpstream(url);
    if (problem === null) continue;
    const cause = `the upstream ${url} did not answer (${problem})`;
    if (!keepGoing)
      throw new AppError(
        'IO',
        `expected ${cause.replace('did not answer', 'to answer')}: no arm was run (an arm whose back end cannot be reached is an infrastructure failure, never the provider's); check the network or the profile's upstream, use --upstream scripted to try the run offline, or pass --keep-going to skip ${providers.join(', ')}`,
        { where: `provider ${providers[0]}`, kind: 'upstream-unreachable' },
      );
    for (const provider of providers) skipped.set(provider, cause);
  }
  return skipped;
}

/** null when the URL answered with any HTTP status; else the error's code or message, escaped. */
async function probeUpstream(url: string): Promise<string | null> {
  try {
    const answer = await request(url, {
      method: 'GET',
      headersTimeout: ANSWER_TIMEOUT_MS,
      bodyTimeout: ANSWER_TIMEOUT_MS,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    await answer.body.dump();
    return null;
  } catch (error) {
    const { code, message, cause } = error as { code?: string; message?: string; cause?: { code?: string } };
    return escapeControls(String(cause?.code ?? code ?? message ?? error));
  }
}
