// `tracker quota`: reads each provider's own quota endpoint (no model request spent) and, with --record, keeps the readings.
import { Command, Option } from 'commander';
import { ProviderIdSchema, recordReadings } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { QUOTA_KINDS, type QuotaKind } from '../../sources/quota/index.js';
import { resolveContext } from '../global-options.js';
import { parseWithSchema } from '../parse-flags.js';
import { printResult } from '../print-output.js';
import { describeBars, readProviderQuotas, summarizeFailures, type QuotaOutcome } from '../read-provider-quotas.js';

interface QuotaFlags {
  provider?: QuotaKind[];
  record?: boolean;
  as?: string;
  model?: string;
}

export function createQuotaCommand(): Command {
  return new Command('quota')
    .description("read each subscription's bars from its own quota endpoint (a read-only GET: no capacity spent)")
    .addOption(
      new Option('--provider <kind...>', 'which endpoints (default: every provider you have credentials for)').choices(QUOTA_KINDS),
    )
    .option('--record', 'append the readings to the ledger (reading rows, source quota)')
    .option(
      '--model <id>',
      "where an endpoint keeps a bar per model (Gemini's Code Assist), that model's (default: the one nearest its limit)",
    )
    .option('--as <id>', "the provider id to record under (default: the endpoint's name; only with one --provider)")
    .addHelpText(
      'after',
      `
Credentials (never written anywhere): claude: CLAUDE_CODE_OAUTH_TOKEN or Claude Code's ~/.claude/.credentials.json
(a \`claude setup-token\` token lacks the user:profile scope this endpoint needs: unset it to use your interactive login);
codex: $CODEX_HOME/auth.json (ChatGPT login); glm: ZAI_API_KEY; gemini: Gemini CLI's Google login in
$GEMINI_CLI_HOME/.gemini/oauth_creds.json (default ~/.gemini; an expired one is skipped unless asked for: run \`gemini\`
to refresh it), its project from GOOGLE_CLOUD_PROJECT or Code Assist. Endpoint URLs: TRACKER_QUOTA_URL_CLAUDE,
TRACKER_QUOTA_URL_CODEX, TRACKER_QUOTA_URL_GLM, TRACKER_QUOTA_URL_GEMINI override them (a gateway, the China platform,
a test server); Gemini's also follows the CLI's own CODE_ASSIST_ENDPOINT.
An answer of an unexpected shape is refused whole and kept (redacted) under rejects/.`,
    )
    .action(async function (this: Command, flags: QuotaFlags) {
      const ctx = resolveContext(this);
      const asked = flags.provider !== undefined;
      const kinds = [...new Set(flags.provider ?? QUOTA_KINDS)];
      if (flags.as !== undefined && kinds.length !== 1)
        throw new AppError('BAD_USAGE', 'names one provider id: pass exactly one --provider with it', { where: '--as' });
      const as = flags.as === undefined ? null : parseWithSchema(ProviderIdSchema, flags.as, '--as');
      const outcomes = await readProviderQuotas(kinds, {
        dataDir: ctx.dataDir,
        agentId: ctx.agentId,
        env: process.env,
        ...(flags.model === undefined ? {} : { model: flags.model }),
      });
      const read = outcomes.filter((outcome): outcome is Extract<QuotaOutcome, { status: 'read' }> => outcome.status === 'read');
      const missing = outcomes.filter((outcome) => outcome.status === 'no-credentials');
      if (asked && missing.length > 0)
        throw new AppError('NOT_FOUND', (missing[0] as { detail: string }).detail, { where: `--provider ${missing[0]?.kind}` });
      const failure = summarizeFailures(outcomes);
      if (!failure && read.length === 0)
        throw new AppError(
          'NOT_FOUND',
          'no provider has credentials: set CLAUDE_CODE_OAUTH_TOKEN, log in to Codex with ChatGPT, set ZAI_API_KEY, or sign in to Gemini CLI with Google (see --help)',
          { where: 'quota' },
        );
      // Recorded whole or not at all: a failed provider records nothing for the others either.
      const rows =
        flags.record && !failure
          ? recordReadings(
              ctx.dataDir,
              { ...ctx.stamp, source: 'quota' },
              read.map((outcome) => ({
                provider: as ?? outcome.kind,
                format: outcome.reading.format,
                capturedAt: outcome.at,
                bars: outcome.reading.bars,
                ...(outcome.account !== null ? { account: outcome.account } : {}),
              })),
            )
          : [];
      const readings = read.map((outcome) => ({
        provider: as ?? outcome.kind,
        endpoint: outcome.kind,
        account: outcome.account,
        plan: outcome.reading.plan,
        captured_at: outcome.at.toISOString(),
        bars: outcome.reading.bars,
        parse_errors: outcome.reading.parse_errors,
      }));
      const skipped = missing.map((outcome) => ({ provider: outcome.kind, reason: (outcome as { detail: string }).detail }));
      printResult(ctx.json, { readings, skipped, recorded: rows.length }, (shown) => {
        const lines = shown.readings.flatMap((reading) => [
          `${reading.provider}${reading.account ? `@${reading.account}` : ''}${reading.plan ? ` (plan ${reading.plan})` : ''} at ${reading.captured_at}`,
          ...describeBars(reading.bars).map((line) => `  ${line}`),
        ]);
        for (const skip of shown.skipped) lines.push(`${skip.provider}: skipped, ${skip.reason}`);
        if (flags.record)
          lines.push(
            failure
              ? 'Nothing recorded (a provider failed; see below).'
              : `Recorded ${rows.length} reading${rows.length === 1 ? '' : 's'}.`,
          );
        return `${lines.join('\n')}\n`;
      });
      if (failure) throw failure;
    });
}
