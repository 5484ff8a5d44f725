// `tracker ingest proxy-telemetry`: NDJSON telemetry events become proxy-request rows of a window; bad lines are kept aside.
import { Command } from 'commander';
import { keepReject, WindowIdSchema, type RowSource } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { ingestTelemetryEvents, type TelemetryIngestResult, parseTelemetryLines, type RejectedTelemetryLine } from '../../sources/index.js';
import { resolveContext } from '../global-options.js';
import { parseWithSchema } from '../parse-flags.js';
import { printNote, printResult } from '../print-output.js';
import { readCommandInput } from '../read-input.js';

/** About 100,000 events; the whole input is held in memory while it is checked (~0.5 GB at this size). */
const MAX_TELEMETRY_BYTES = 32 * 1024 * 1024;
/** Bad lines named one by one on stderr; the rest are counted (all of them are in the kept file). */
const MAX_LINE_NOTES = 20;

interface TelemetryFlags {
  window: string;
  input?: string;
  stdin?: boolean;
}

export interface TelemetryIngestOutput extends TelemetryIngestResult {
  input: string;
  lines_refused: number;
  refused: { line: number; reason: string }[];
  /** Where the refused lines were kept (the raw lines only, so a fixed copy can be ingested again). */
  kept_at: string | null;
  ignored_fields: string[];
}

export function createIngestProxyTelemetryCommand(): Command {
  return new Command('proxy-telemetry')
    .description(
      'record proxy telemetry events (NDJSON, one request per line) as proxy-request rows of a window; bad lines are refused by number, good ones kept, a re-run adds nothing',
    )
    .requiredOption('--window <id>', 'window the requests belong to (replaces any window_id in the events)')
    .option('--input <file>', 'the NDJSON events; - for stdin (default: stdin)')
    .option('--stdin', 'read the events from stdin (the same as --input -)')
    .action(async function (this: Command, flags: TelemetryFlags) {
      const ctx = resolveContext(this);
      const source: RowSource = ctx.stamp.source === 'manual' ? 'ingest' : ctx.stamp.source;
      const windowId = parseWithSchema(WindowIdSchema, flags.window, '--window');
      if (flags.stdin && flags.input !== undefined && flags.input !== '-')
        throw new AppError('BAD_USAGE', 'pass either --stdin or --input FILE, not both', { where: '--stdin' });
      const input = await readCommandInput(flags.stdin ? '-' : flags.input, {
        maxBytes: MAX_TELEMETRY_BYTES,
        hint: 'split the log and ingest the parts (a re-run never duplicates a trace)',
        prompt: 'Paste NDJSON events, then press Ctrl-D on an empty line:\n',
      });
      const parsed = parseTelemetryLines(input.bytes.toString('utf8'), { windowId });
      const keep = (reason: string, bytes: Buffer | string) =>
        keepReject(ctx.dataDir, { command: 'ingest proxy-telemetry', reason, agentId: ctx.agentId, input: bytes });
      if (parsed.events.length === 0) refuseAll(input.name, input.bytes, parsed.rejected, keep);
      const keptAt =
        parsed.rejected.length === 0
          ? null
          : keep(listReasons(input.name, parsed.rejected), `${parsed.rejected.map((line) => line.raw).join('\n')}\n`);
      for (const line of parsed.rejected.slice(0, MAX_LINE_NOTES)) printNote(`refused ${input.name} ${line.reason}`);
      if (parsed.rejected.length > MAX_LINE_NOTES)
        printNote(`and ${parsed.rejected.length - MAX_LINE_NOTES} more bad lines (all of them in ${keptAt})`);
      if (parsed.ignoredFields.length > 0) printNote(`ignored fields outside the telemetry contract: ${parsed.ignoredFields.join(', ')}`);
      const result = ingestTelemetryEvents(
        ctx.dataDir,
        { ...ctx.stamp, source },
        parsed.events.map(({ event }) => event),
        { windowId },
      );
      const output: TelemetryIngestOutput = {
        ...result,
        input: input.name,
        lines_refused: parsed.rejected.length,
        refused: parsed.rejected.map(({ line, reason }) => ({ line, reason })),
        kept_at: keptAt,
        ignored_fields: parsed.ignoredFields,
      };
      printResult(ctx.json, output, () => `${describeOutput(output)}\n`);
    });
}

/** Nothing usable: one line naming the first problem, nothing appended, the whole input kept. */
function refuseAll(name: string, bytes: Buffer, rejected: RejectedTelemetryLine[], keep: (reason: string, bytes: Buffer) => string): never {
  const first = rejected[0];
  const message = first
    ? `no event could be read: ${first.reason}${rejected.length > 1 ? ` (and ${rejected.length - 1} more bad lines)` : ''}`
    : 'no events: the input is empty (expected one JSON event per line)';
  const kept = keep(first ? listReasons(name, rejected) : `${name}: ${message}`, bytes);
  throw new AppError('BAD_INPUT', `${message} (input kept at ${kept})`, { where: name });
}

function listReasons(name: string, rejected: RejectedTelemetryLine[]): string {
  return rejected.map((line) => `${name} ${line.reason}`).join('\n');
}

function describeOutput(output: TelemetryIngestOutput): string {
  const parts = [`recorded ${output.recorded}`, `${output.already_in_ledger} already in the ledger`];
  if (output.duplicates_in_input > 0) parts.push(`${output.duplicates_in_input} repeated in the input`);
  const refused =
    output.lines_refused === 0
      ? ''
      : `; ${output.lines_refused} ${output.lines_refused === 1 ? 'line' : 'lines'} refused (kept at ${output.kept_at})`;
  return `Read ${output.events} events from ${output.input} for window ${output.window_id}: ${parts.join(', ')}${refused}`;
}
