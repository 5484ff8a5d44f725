// `tracker status`: what the everyday servers refused since they were set up (count, last time, why), kept in the data dir's state.
import { Command } from 'commander';
import { readRefusals, resolveRefusalFile, type RefusalState } from '../../proxy/index.js';
import { resolveContext } from '../global-options.js';
import { printNote, printResult } from '../print-output.js';

/** Why, as the user fixes it: the reason names the setting to change, never the secret or the path a client sent. */
const REASONS: Record<RefusalState['last_reason'], string> = {
  'base-path':
    'outside the base URL printed at the start (a client set up with an older URL, before --rotate-secret, or of another data dir)',
  token: 'a missing or wrong x-tracker-auth token',
};

export function createStatusCommand(): Command {
  return new Command('status')
    .description(
      'what tracker proxy and tracker otel refused (401: a client at the wrong base URL or with the wrong token), how often, the last time and why: a set-up that records nothing says so here (docs/real-subscriptions.md)',
    )
    .action(function (this: Command) {
      const ctx = resolveContext(this);
      // A FIFO or a device at a refusals file is not read: the other server's count is still shown, stderr says why.
      const unreadable = (line: string) => printNote(`${line}; its refusals are not counted below`);
      const refusals = readRefusals(ctx.dataDir, unreadable).map((one) => ({ ...one, file: resolveRefusalFile(ctx.dataDir, one.server) }));
      printResult(ctx.json, { refusals }, (shown) => renderStatus(shown.refusals, ctx.dataDir));
    });
}

function renderStatus(refusals: readonly (RefusalState & { file: string })[], dataDir: string): string {
  if (refusals.length === 0) return `Refused: nothing (tracker proxy and tracker otel of ${dataDir} have refused no request or export)\n`;
  const lines = refusals.map((one) => {
    const what = one.server === 'otel' ? 'export(s)' : 'request(s) or export(s)';
    const reasons = (['base-path', 'token'] as const)
      .filter((reason) => one.by_reason[reason] > 0)
      .map((reason) => `${one.by_reason[reason]} ${REASONS[reason]}`);
    return `  tracker ${one.server}: ${one.count} ${what} refused (401) since ${one.first_at}, the last at ${one.last_at} (${one.last_reason === 'token' ? 'a token' : 'the base URL'}): ${reasons.join('; ')}\n`;
  });
  return `Refused (kept in ${dataDir}/state; the servers' terminals say the first of each start):\n${lines.join('')}`;
}
