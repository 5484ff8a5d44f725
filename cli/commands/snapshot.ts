// `tracker snapshot before|after`: reads a pasted screen or JSON and records one capture.
import { Argument, Command, Option } from 'commander';
// Faces, not the ledger's and the sources' indexes: a capture runs after every window (ADR 0020, 0023).
import { BAR_NAMES, type Bar, type Bars, type Phase, ProviderIdSchema, WindowIdSchema } from '../../ledger/schemas/index.js';
import { keepReject } from '../../ledger/store/index.js';
import { findScreenFamily, findScreenProvider, OUTCOMES } from '../../ledger/vocabulary/index.js';
import { recordSnapshot, type SnapshotOutcome } from '../../ledger/windows/index.js';
import { AppError } from '../../kernel/index.js';
import { formatIssues, parseCapacityInput, QUOTA_KINDS, type QuotaKind, type TimeZoneSource } from '../../sources/parsers/index.js';
import { checkKnownProvider } from '../check-known-provider.js';
import { readGitHead } from '../git-head.js';
import { type CommandContext, resolveContext } from '../global-options.js';
import { describeDeferredBefore, planProxyCapture } from '../plan-proxy-capture.js';
import { parseInstant, parseTimeZone, parseWithSchema } from '../parse-flags.js';
import { noteSkippedRow, printNote, printResult } from '../print-output.js';
import { updateAgentState } from '../update-agent-state.js';
import { readCommandInput } from '../read-input.js';

interface SnapshotFlags {
  provider: string;
  window?: string;
  input?: string;
  at?: string;
  force?: boolean;
  bufferSeconds?: string;
  notes?: string;
  format: 'auto' | 'codex-status' | 'claude-usage' | 'json';
  tz?: string;
  fromProxy?: boolean;
  fromQuota?: boolean | string;
  newProvider?: boolean;
}

export function createSnapshotCommand(): Command {
  return new Command('snapshot')
    .description('record a capacity reading: the before or after of a window')
    .addArgument(new Argument('<phase>', 'which end of the window').choices(['before', 'after']))
    .requiredOption('--provider <id>', 'provider measured: claude, codex, glm, ...')
    .option('--window <id>', 'window id (default: a new one for before, the open one for after)')
    .option('--input <file>', 'file with the pasted /status, /usage or JSON reading; - for stdin (default: stdin)')
    .option('--at <iso>', 'when the reading was taken (default: now)')
    .option('--force', 'record an after within the reset buffer anyway (tagged late-after)')
    .option('--buffer-seconds <n>', 'how long after a reset an after is refused, in seconds (default 300)')
    .option('--notes <text>', 'free text kept on the row')
    .addOption(new Option('--format <format>', 'input format').choices(['auto', 'codex-status', 'claude-usage', 'json']).default('auto'))
    .option('--tz <zone>', "IANA zone of reset times shown without one (default: this machine's)")
    .option(
      '--from-proxy',
      "take the bars from `tracker proxy`'s readings instead of input: the window's first (before) or last (after) response; on a fresh proxy the before waits for the window's first response and the after records both",
    )
    .option(
      '--from-quota [endpoint]',
      "read the bars now from the provider's quota endpoint (claude, codex or glm; default: the --provider id)",
    )
    .option(
      '--new-provider',
      'the --provider id is meant to be new to this data dir (without it, an id the data dir has never seen is refused as a likely typo)',
    )
    .action(async function (this: Command, phase: Phase, flags: SnapshotFlags) {
      const ctx = resolveContext(this);
      const provider = parseWithSchema(ProviderIdSchema, flags.provider, '--provider');
      await checkKnownProvider(ctx.dataDir, provider, flags.newProvider === true);
      const windowId = flags.window === undefined ? undefined : parseWithSchema(WindowIdSchema, flags.window, '--window');
      const requestedAt = parseInstant(flags.at, '--at');
      const timeZone = parseTimeZone(flags.tz);
      const sources = [
        flags.fromProxy && '--from-proxy',
        flags.fromQuota !== undefined && '--from-quota',
        flags.input !== undefined && '--input',
      ].filter(Boolean);
      if (sources.length > 1)
        throw new AppError('BAD_USAGE', `pass one of ${sources.join(', ')}, not several`, { where: sources[0] as string });
      if (flags.fromQuota !== undefined && flags.at !== undefined)
        throw new AppError('BAD_USAGE', 'a quota reading is taken now: leave out --at', { where: '--from-quota' });
      const quota = flags.fromQuota === undefined ? null : await readQuotaNow(flags.fromQuota, provider, ctx);
      if (!flags.fromProxy) {
        const proxied = quota?.row ?? null;
        await recordCapture(ctx, flags, { provider, phase, windowId, requestedAt, timeZone, proxied, quotaKind: quota?.kind });
        return;
      }
      const plan = await planProxyCapture({ dataDir: ctx.dataDir, agentId: ctx.agentId, provider, windowId, phase, at: requestedAt });
      if (plan.kind === 'deferred') {
        printResult(ctx.json, { deferred: true, provider, window_id: plan.windowId }, describeDeferredBefore);
        return;
      }
      for (const end of plan.ends)
        await recordCapture(ctx, flags, { provider, phase: end.phase, windowId, requestedAt, timeZone, proxied: end.reading });
    });
}

interface CaptureSource {
  provider: string;
  phase: Phase;
  windowId: string | undefined;
  requestedAt: Date;
  timeZone: TimeZoneSource;
  /** A proxy or quota reading the capture is taken from, instead of the input. */
  proxied: { id: string; captured_at: string; format: string; bars: Bars } | null;
  quotaKind?: string | undefined;
}

/** Records one capture from the input or a reading, keeping refused input under rejects/. */
async function recordCapture(ctx: CommandContext, flags: SnapshotFlags, source: CaptureSource): Promise<void> {
  const { provider, phase, windowId, proxied, quotaKind } = source;
  const capturedAt = proxied ? new Date(proxied.captured_at) : source.requestedAt;
  const input = proxied
    ? { bytes: Buffer.from(JSON.stringify(proxied)), name: quotaKind ? `${quotaKind} quota reading` : `proxy reading ${proxied.id}` }
    : await readCommandInput(flags.input);
  const command = `snapshot ${phase}`;
  /** Keeps the refused input under rejects/ and returns the error to throw, naming where it was kept. */
  const refuse = (error: AppError): AppError => {
    let kept: string;
    try {
      kept = `input kept at ${keepReject(ctx.dataDir, { command, reason: error.toLine(), agentId: ctx.agentId, input: input.bytes })}`;
    } catch (keepError) {
      // The refusal is what the user needs to read; say that the input could not be kept, and why.
      kept = `the input could not be kept under rejects/: ${(keepError as NodeJS.ErrnoException).code ?? (keepError as Error).message}`;
    }
    return new AppError(error.code, `${error.message} (${kept})`, { where: error.where, cause: error });
  };
  const parsed = proxied ? null : parseCapacityInput(input.bytes.toString('utf8'), { capturedAt, timeZone: source.timeZone }, flags.format);
  if (parsed && !parsed.ok) throw refuse(new AppError('BAD_INPUT', formatIssues(parsed.issues, input.name)));
  const reading = proxied
    ? { format: proxied.format, bars: proxied.bars, parse_errors: [] }
    : (parsed as Extract<typeof parsed, { ok: true }>).value;
  const contradiction = describeFormatContradiction(provider, reading.format);
  if (contradiction) throw refuse(new AppError('BAD_INPUT', contradiction, { where: '--provider' }));
  let outcome: SnapshotOutcome;
  try {
    outcome = recordSnapshot(ctx.dataDir, ctx.stamp, {
      provider,
      phase,
      windowId,
      reading,
      capturedAt,
      force: flags.force === true,
      bufferMs: flags.bufferSeconds === undefined ? undefined : parseBufferSeconds(flags.bufferSeconds) * 1000,
      notes: flags.notes ?? (quotaKind ? `from the ${quotaKind} quota endpoint` : proxied ? `from proxy reading ${proxied.id}` : undefined),
      gitHead: readGitHead(),
      onSkippedRow: noteSkippedRow,
    });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'RULE_VIOLATION' || error.code === 'BAD_INPUT')) throw refuse(error);
    throw error;
  }
  updateAgentState(ctx.dataDir, ctx.agentId, provider, { window_id: outcome.row.window_id, last_phase: phase, at: outcome.row.ts });
  for (const finding of outcome.row.parse_errors) printNote(finding);
  for (const anomaly of outcome.anomalies) printNote(`anomaly ${anomaly.code}: ${anomaly.message}`);
  printResult(ctx.json, outcome, () => describeOutcome(outcome, ctx.agentId));
}

/** A reading from a quota endpoint now, shaped like the proxy's readings so the rest of the capture is the same. */
async function readQuotaNow(flag: boolean | string, provider: string, ctx: { dataDir: string; agentId: string }) {
  const kind = typeof flag === 'string' ? flag : provider;
  if (!(QUOTA_KINDS as readonly string[]).includes(kind)) {
    throw new AppError(
      'BAD_USAGE',
      `name the endpoint: --from-quota ${QUOTA_KINDS.join('|')} (provider ${JSON.stringify(provider)} has none of its own)`,
      { where: '--from-quota' },
    );
  }
  // Loaded for --from-quota only: the endpoints' client is not part of an ordinary capture.
  const { readProviderQuotas } = await import('../read-provider-quotas.js');
  const [outcome] = await readProviderQuotas([kind as QuotaKind], { ...ctx, env: process.env });
  if (!outcome || outcome.status === 'no-credentials')
    throw new AppError('NOT_FOUND', outcome?.status === 'no-credentials' ? outcome.detail : 'no reading', { where: '--from-quota' });
  if (outcome.status === 'failed') throw outcome.error;
  return { kind, row: { id: 'quota', captured_at: outcome.at.toISOString(), format: outcome.reading.format, bars: outcome.reading.bars } };
}

function describeOutcome(outcome: SnapshotOutcome, agentId: string): string {
  const { row, capacity } = outcome;
  const bars = BAR_NAMES.flatMap((name) => (row.bars[name] ? [`${name} ${formatBar(row.bars[name] as Bar)}`] : [])).concat(
    row.tokens ? [`tokens ${row.tokens.total}`] : [],
  );
  const lines = [
    `Recorded ${row.phase} for ${row.provider} in window ${row.window_id} (agent ${agentId}): ${bars.join(', ') || 'no bars'}`,
  ];
  if (capacity) {
    const unit = capacity.capacity?.unit === 'tokens' ? ' tokens' : '% of the 5h window';
    const delta = capacity.capacity?.delta;
    lines.push(
      delta === null || delta === undefined ? `Capacity delta: null (${capacity.errors.join(', ')})` : `Capacity delta: ${delta}${unit}`,
    );
    lines.push(
      `Next: tracker complete --provider ${row.provider} --window ${row.window_id} --quality 0..1 --outcome ${OUTCOMES.join('|')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function formatBar(bar: Bar): string {
  return `${bar.used_pct}% used${bar.resets_at ? ` (resets ${bar.resets_at})` : ''}`;
}

/** A Codex /status screen recorded as Claude (or the reverse) would mix two subscriptions' bars in one ledger. */
function describeFormatContradiction(provider: string, format: string): string | null {
  const screenOf = findScreenProvider(format);
  const family = findScreenFamily(provider);
  if (!screenOf || !family || family === screenOf) return null;
  return `the input is a ${format} screen (${screenOf}), but --provider is ${provider}: pass --provider ${screenOf}, or the right screen`;
}

/** --buffer-seconds: whole seconds from 0 (no buffer) to a day. */
function parseBufferSeconds(value: string): number {
  const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!(seconds >= 0 && seconds <= 86_400))
    throw new AppError('BAD_USAGE', `expected whole seconds from 0 to 86400, got ${JSON.stringify(value)}`, { where: '--buffer-seconds' });
  return seconds;
}
