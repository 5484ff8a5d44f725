// `tracker complete`: finalizes a window with quality, outcome, feature and commits.
import { Command, Option } from 'commander';
import {
  CommitShaSchema,
  completeWindow,
  FeatureIdSchema,
  OUTCOMES,
  ProviderIdSchema,
  WindowIdSchema,
  type Outcome,
  type WindowRow,
} from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { readGitHead } from '../git-head.js';
import { priceSubscription } from '../../budget/index.js';
import { resolveContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { loadPlanTable } from '../resolve-subscriptions.js';
import { parseFraction, parseWithSchema } from '../parse-flags.js';
import { noteSkippedRow, printResult } from '../print-output.js';
import { updateAgentState } from '../update-agent-state.js';

interface CompleteFlags {
  provider: string;
  window?: string;
  quality: string;
  outcome: Outcome;
  feature?: string;
  commitStart?: string;
  commitEnd?: string;
  methodology?: string;
  notes?: string;
  amend?: boolean;
  plan?: string;
  plans?: string;
  session?: string;
}

export function createCompleteCommand(): Command {
  return new Command('complete')
    .description('finalize a window that has a before and an after')
    .requiredOption('--provider <id>', 'provider of the window')
    .option('--window <id>', 'window id (default: the open one)')
    .requiredOption('--quality <q>', 'quality score from 0 to 1 (e.g. fraction of acceptance tests passing)')
    .addOption(new Option('--outcome <outcome>', 'how the work ended').choices(OUTCOMES).makeOptionMandatory())
    .option('--feature <id>', 'task or feature worked on')
    .option('--commit-start <sha>', 'commit the work started from (default: HEAD at the before)')
    .option('--commit-end <sha>', 'commit the work ended at (default: HEAD now)')
    .option('--methodology <text>', 'how the window was run (default: manual)')
    .option('--notes <text>', 'free text kept on the row')
    .option('--amend', 'correct an already completed window (writes a row that supersedes it)')
    .option(
      '--plan <id>',
      'the subscription plan the window was measured under (claude-max-20x, chatgpt-plus, glm-coding-pro, ...): prices it in dollars',
    )
    .option('--plans <file>', 'plans JSON over the built-in plan table (see docs/providers.md)')
    .option(
      '--session <id>',
      "with no OpenTelemetry rows of the window's own: take only this agent session's rows between its captures (docs/otel.md)",
    )
    .action(function (this: Command, flags: CompleteFlags) {
      const ctx = resolveContext(this);
      const provider = parseWithSchema(ProviderIdSchema, flags.provider, '--provider');
      const sha = (value: string | undefined, flag: string) =>
        value === undefined ? undefined : parseWithSchema(CommitShaSchema, value, flag);
      const row = completeWindow(ctx.dataDir, ctx.stamp, {
        provider,
        windowId: flags.window === undefined ? undefined : parseWithSchema(WindowIdSchema, flags.window, '--window'),
        quality: parseFraction(flags.quality, '--quality'),
        outcome: flags.outcome,
        featureId: flags.feature === undefined ? undefined : parseWithSchema(FeatureIdSchema, flags.feature, '--feature'),
        commitStart: sha(flags.commitStart, '--commit-start'),
        commitEnd: sha(flags.commitEnd, '--commit-end'),
        methodology: flags.methodology,
        notes: flags.notes,
        gitHead: readGitHead(),
        amend: flags.amend === true,
        subscription:
          flags.plan === undefined
            ? undefined
            : priceSubscription(loadPlanTable(loadProviderCatalog(ctx.dataDir), flags.plans), flags.plan, '--plan'),
        onSkippedRow: noteSkippedRow,
        otelSession: flags.session === undefined ? undefined : parseSession(flags.session),
      });
      updateAgentState(ctx.dataDir, ctx.agentId, provider, { window_id: row.window_id, last_phase: 'complete', at: row.ts });
      printResult(ctx.json, row, () => {
        const delta = row.capacity?.delta;
        const capacity =
          delta === null || delta === undefined
            ? `null${row.errors.length ? ` (${row.errors.join(', ')})` : ''}`
            : `${delta}${row.capacity?.unit === 'tokens' ? ' tokens' : '%'}`;
        return `${row.supersedes ? 'Amended' : 'Completed'} window ${row.window_id} for ${provider} (agent ${ctx.agentId}): quality ${row.quality_score}, outcome ${row.outcome}, delta ${capacity}, commits ${row.commit_start ?? '-'}..${row.commit_end ?? '-'}\n${describeTokens(row)}${describeOtel(row.otel)}`;
      });
    });
}

/** A session id as the agents write them (UUIDs, Codex thread ids): no spaces or control characters, at most 128. */
function parseSession(value: string): string {
  if (/^[\x21-\x7e]{1,128}$/.test(value)) return value;
  throw new AppError('BAD_USAGE', `expected a session id (printable, no spaces, at most 128 characters), got ${JSON.stringify(value)}`, {
    where: '--session',
  });
}

/** The window's token side beside its bars (invariant 6): whose count, and a divergence said where it is written. */
function describeTokens(row: WindowRow): string {
  const tokens = row.capacity?.unit === 'pct_5h' ? row.capacity.tokens : undefined;
  if (!tokens || tokens.delta === null) return '';
  const whose = tokens.source === 'ccusage' ? 'ccusage' : 'the captures';
  const divergent = row.errors.includes('divergent:ccusage') ? ': DIVERGENT from the bars beyond their rounding, see anomalies.jsonl' : '';
  return `Tokens (${whose}): ${tokens.delta.toLocaleString('en-US')}${divergent}\n`;
}

/** One line on what the agent's own OpenTelemetry counted for the window, and the proxy's count beside it. */
function describeOtel(otel: WindowRow['otel']): string {
  if (!otel) return '';
  const own = `OpenTelemetry (${otel.matched_by === 'window' ? 'rows of the window' : 'rows between its captures'}): ${otel.requests} request(s), ${otel.tokens.total.toLocaleString('en-US')} tokens`;
  if (!otel.proxy) return `${own}\n`;
  const apart = `${Math.round((otel.gap ?? 0) * 1000) / 10}% apart on ${otel.gap_in}`;
  return `${own}; the proxy ${otel.proxy.tokens.total.toLocaleString('en-US')} (${otel.divergent ? `DIVERGENT, ${apart}: see anomalies.jsonl` : apart})\n`;
}
