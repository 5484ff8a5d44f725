// `experiment crossover`: analyse AB/BA crossover data from a file (Grizzle's t-tests, or Mainland-Gart for pass/fail).
import { Command } from 'commander';
import { keepReject } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { analyzeCrossover, renderCrossoverAnalysis, renderMainlandGart, analyzeMainlandGart } from '../../reports/index.js';
import { formatCrossoverIssue, parseCrossoverInput } from '../../sources/index.js';
import { resolveContext, type CommandContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import { readCommandInput, type CommandInput } from '../read-input.js';

interface CrossoverFlags {
  input?: string;
  binary?: boolean;
  alpha: string;
}

/** `experiment crossover --input FILE [--binary] [--alpha A] [--json]`. */
export function createCrossoverCommand(): Command {
  return new Command('crossover')
    .description(
      'analyse AB/BA crossover data (CSV or JSON with subject,sequence,y1,y2): treatment (A - B), period (1 - 2) and carryover (a diagnostic), each with SE, CI, t, df and p; --binary for pass/fail (Mainland-Gart)',
    )
    .option('--input <file>', 'the data: CSV with a header row, or a JSON array of objects; - for stdin')
    .option('--binary', "y1 and y2 are pass/fail (0 or 1): Mainland-Gart odds ratios with Fisher's exact p")
    .option('--alpha <alpha>', 'two-sided error rate of the confidence intervals', '0.05')
    .action(async function (this: Command, flags: CrossoverFlags) {
      const ctx = resolveContext(this);
      const alpha = parseAlpha(flags.alpha);
      if (flags.input === undefined)
        throw new AppError('BAD_USAGE', 'pass --input FILE (CSV or JSON with columns subject,sequence,y1,y2; - for stdin)', {
          where: '--input',
        });
      const input = await readCommandInput(flags.input, {
        prompt: 'Paste CSV (subject,sequence,y1,y2), then press Ctrl-D on an empty line:\n',
      });
      const parsed = parseCrossoverInput(input.bytes.toString('utf8'), { binary: flags.binary ?? false });
      if (!parsed.ok) refuseInput(ctx, input, formatCrossoverIssue(parsed.issue, input.name));
      const subjects = parsed.value.subjects.map(({ subject, sequence, y1, y2 }) => ({ subject, sequence, y1, y2 }));
      try {
        if (flags.binary) {
          const result = analyzeMainlandGart(subjects, { alpha });
          printResult(ctx.json, { input: input.name, ...result }, () => renderMainlandGart(result));
        } else {
          const result = analyzeCrossover(subjects, { alpha });
          printResult(ctx.json, { input: input.name, ...result }, () => renderCrossoverAnalysis(result));
        }
      } catch (error) {
        if (error instanceof AppError && error.code === 'BAD_INPUT') refuseInput(ctx, input, `${input.name}: ${error.message}`);
        throw error;
      }
    });
}

/** Keeps the refused input under rejects/ and fails with one line (exit 3). */
function refuseInput(ctx: CommandContext, input: CommandInput, reason: string): never {
  const kept = keepReject(ctx.dataDir, { command: 'experiment crossover', reason, agentId: ctx.agentId, input: input.bytes });
  throw new AppError('BAD_INPUT', `${reason} (input kept at ${kept})`);
}

function parseAlpha(value: string): number {
  const alpha = Number(value);
  if (!/^(?:0?\.\d+|\d+(?:\.\d*)?)$/.test(value) || !(alpha > 0 && alpha < 1)) {
    throw new AppError('BAD_USAGE', `expected a number between 0 and 1 (exclusive), e.g. 0.05, got ${JSON.stringify(value)}`, {
      where: '--alpha',
    });
  }
  return alpha;
}
