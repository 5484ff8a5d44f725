// `tracker ingest`: readings from the files users' tools already write (Claude Code transcripts, Codex rollouts, Gemini CLI sessions, ccusage, claude-monitor, proxy telemetry).
import { Command } from 'commander';
import { ProviderIdSchema, WindowIdSchema } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { ingestCcusageReport, parseCcusageReport } from '../../sources/index.js';
import { createIngestClaudeCommand } from './ingest-claude.js';
import { createIngestClaudeMonitorCommand } from './ingest-claude-monitor.js';
import { createIngestCodexCommand } from './ingest-codex.js';
import { createIngestGeminiCommand } from './ingest-gemini.js';
import { resolveContext } from '../global-options.js';
import { refuseParsedInput } from '../refuse-parsed-input.js';
import { parseWithSchema } from '../parse-flags.js';
import { printNote, printResult } from '../print-output.js';
import { readCommandInput } from '../read-input.js';
import { createIngestProxyTelemetryCommand } from './ingest-proxy-telemetry.js';

export function createIngestCommand(): Command {
  const ingest = new Command('ingest').description('record readings from files your tools already write');
  ingest.addCommand(createIngestClaudeCommand());
  ingest.addCommand(createIngestCodexCommand());
  ingest.addCommand(createIngestGeminiCommand());
  ingest.addCommand(createIngestCcusageCommand());
  ingest.addCommand(createIngestClaudeMonitorCommand());
  ingest.addCommand(createIngestProxyTelemetryCommand());
  return ingest;
}

interface CcusageFlags {
  input?: string;
  run?: string;
  ccusageBin?: string;
  provider?: string;
  window?: string;
}

/**
 * A unified report's entry that names its own agent is recorded as that agent's whatever `--provider` says, on purpose
 * (docs/ccusage.md): said on stderr, so whoever passed `--provider` knows which entries it did not name.
 */
function noteOwnAgents(provider: string | undefined, entries: readonly { provider: string }[]): void {
  if (provider === undefined) return;
  const own = entries.filter((entry) => entry.provider !== provider);
  if (own.length === 0) return;
  const agents = [...new Set(own.map((entry) => entry.provider))].join(', ');
  printNote(
    `--provider ${provider} applies only to entries that mix agents: ${own.length} of ${entries.length} entries name their own agent and are recorded as theirs (${agents})`,
  );
}

/** `tracker ingest ccusage`: a ccusage JSON report from a file, stdin, or the real ccusage run with --json --offline. */
export function createIngestCcusageCommand(): Command {
  return new Command('ccusage')
    .description(
      'record the token totals of a `ccusage … --json` report (daily, weekly, monthly, session, blocks; claude, codex or unified)',
    )
    .option('--input <file>', 'the JSON report; - for stdin (default: stdin, unless --run)')
    .option('--run <report>', 'run the real ccusage for this report, e.g. "claude daily" or "codex session" (adds --json --offline)')
    .option('--ccusage-bin <path>', 'the ccusage program for --run (default: ccusage on PATH)', 'ccusage')
    .option('--provider <id>', 'provider for a unified report that mixes agents')
    .option('--window <id>', 'window the readings belong to')
    .action(async function (this: Command, flags: CcusageFlags) {
      const ctx = resolveContext(this);
      const source = ctx.stamp.source === 'manual' ? 'ingest' : ctx.stamp.source;
      const provider = flags.provider === undefined ? undefined : parseWithSchema(ProviderIdSchema, flags.provider, '--provider');
      const windowId = flags.window === undefined ? undefined : parseWithSchema(WindowIdSchema, flags.window, '--window');
      if (flags.run && flags.input) throw new AppError('BAD_USAGE', 'pass either --run or --input, not both', { where: '--run' });
      const input = flags.run ? await runCcusage(flags.ccusageBin ?? 'ccusage', flags.run) : await readCommandInput(flags.input);
      const parsed = parseCcusageReport(input.bytes.toString('utf8'), provider ? { provider } : {});
      if (!parsed.ok) refuseParsedInput(ctx, 'ingest ccusage', parsed.issues, input);
      noteOwnAgents(provider, parsed.value.entries);
      const result = ingestCcusageReport(ctx.dataDir, { ...ctx.stamp, source }, parsed.value, { windowId });
      printResult(
        ctx.json,
        result,
        () =>
          `Read ccusage ${result.report}: ${result.entries} entries, ${result.totalTokens} tokens; recorded ${result.recorded} readings, ${result.alreadyThere} already in the ledger\n`,
      );
    });
}

/** Runs the real ccusage (no shell) and returns its JSON; a missing program or a failure is one clear line. */
async function runCcusage(bin: string, report: string): Promise<{ bytes: Buffer; name: string }> {
  const { execa } = await import('execa');
  const args = [...report.split(/\s+/).filter(Boolean), '--json', '--offline'];
  const result = await execa(bin, args, { reject: false, stdin: 'ignore', encoding: 'buffer' });
  if (result.failed) {
    const reason =
      result.code === 'ENOENT'
        ? `${bin} was not found (install ccusage, or pass --ccusage-bin)`
        : (Buffer.from(result.stderr ?? '')
            .toString('utf8')
            .split('\n')
            .find((line) => line.trim() !== '') ?? `exit ${result.exitCode}`);
    throw new AppError('BAD_INPUT', `ccusage ${args.join(' ')} failed: ${reason}`, { where: '--run' });
  }
  return { bytes: Buffer.from(result.stdout as Uint8Array), name: `ccusage ${report}` };
}
