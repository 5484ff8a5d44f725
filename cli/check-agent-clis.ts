// Before the first arm: every real agent CLI the run's providers name must start, or no arm runs (issue 30, item 7).
import { AppError } from '../kernel/index.js';
import { AGENT_DRIVERS, type Driver, type ProviderProfile } from '../runner/index.js';

/**
 * Runs `<command> --version` for each provider of a real driver (once per command; the drivers remember it). A CLI
 * that does not answer would make every arm of that provider fail to start and be scored as its failure: an
 * infrastructure failure, so the run is refused whole before anything is recorded.
 */
export async function checkAgentClis(
  profiles: Map<string, ProviderProfile>,
  drivers: Record<string, Driver> = AGENT_DRIVERS,
  keepGoing = false,
): Promise<Map<string, string>> {
  const skipped = new Map<string, string>();
  for (const [id, profile] of profiles) {
    if (profile.driver === 'scripted') continue;
    const driver = drivers[profile.driver];
    const command = profile.command ?? profile.driver;
    if (!driver || (await driver.readVersion(profile.command)) !== 'unknown') continue;
    // --keep-going: that provider's arms stay pending; the others run.
    if (keepGoing) {
      skipped.set(id, `its ${profile.driver} CLI (\`${command} --version\`) did not start`);
      continue;
    }
    throw new AppError(
      'IO',
      `expected the ${profile.driver} CLI of provider ${id} to start (\`${command} --version\`), got no answer: install it or set the profile's command; no arm was run (an arm whose CLI cannot start is an infrastructure failure, never the provider's); --keep-going runs the other providers`,
      { where: `provider ${id}`, kind: 'agent-cli-missing' },
    );
  }
  return skipped;
}
