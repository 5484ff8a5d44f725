// `experiment crossover`: analyse crossover data from a file: AB/BA (Grizzle, Mainland-Gart) or 2+ treatments by least squares with carryover.
import { Command, Option } from 'commander';
import { keepReject } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import {
  analyzeCrossover,
  analyzeMainlandGart,
  analyzeWilliams,
  renderCrossoverAnalysis,
  renderMainlandGart,
  renderWilliamsAnalysis,
} from '../../reports/index.js';
import { detectCrossoverLayout, formatCrossoverIssue, parseCrossoverInput, parseCrossoverPeriods } from '../../sources/index.js';
import { resolveContext, type CommandContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import { readCommandInput, type CommandInput } from '../read-input.js';

interface CrossoverFlags {
  input?: string;
  binary?: boolean;
  alpha: string;
  reference?: string;
  carryover: 'auto' | 'yes' | 'no';
}

const CARRYOVER_MODES = { auto: 'auto', yes: true, no: false } as const;

/** `experiment crossover --input FILE [--binary] [--alpha A] [--reference T] [--carryover auto|yes|no] [--json]`. */
export function createCrossoverCommand(): Command {
  return new Command('crossover')
    .description(
      'analyse crossover data from a file. One row per subject (subject,sequence,y1,y2): AB/BA, treatment (A - B), period (1 - 2) and carryover (a diagnostic), each with SE, CI, t, df and p; --binary for pass/fail (Mainland-Gart). One row per subject and period (subject,sequence,period,treatment,y): 2+ treatments, y = subject + period + treatment + first-order carryover by least squares, every pair a - b with SE, CI, t, df, p and Holm-adjusted p, and the carryover estimates as a diagnostic',
    )
    .option('--input <file>', 'the data: CSV with a header row, or a JSON array of objects; - for stdin')
    .option('--binary', "y1 and y2 are pass/fail (0 or 1): Mainland-Gart odds ratios with Fisher's exact p")
    .option('--alpha <alpha>', 'two-sided error rate of the confidence intervals', '0.05')
    .option('--reference <treatment>', 'with one row per period: the treatment listed first (default: the first in sorted order)')
    .addOption(
      new Option('--carryover <mode>', 'with one row per period: fit first-order carryover (auto: when the design can estimate it)')
        .choices(Object.keys(CARRYOVER_MODES))
        .default('auto'),
    )
    .addHelpText(
      'after',
      `
Example (a 4x4 Williams square, one row per subject and period; docs/examples/crossover-williams-4.csv):

  subject,sequence,period,treatment,y
  s1,ABDC,1,A,22.7145
  s1,ABDC,2,B,23.6164
  ...

  experiment crossover --input crossover-williams-4.csv [--json]

The carryover of a period-1 observation is none; an observation whose previous period is missing is left out
of the carryover fit. A bad row is refused with its line and column, and the input is kept under rejects/.
`,
    )
    .action(async function (this: Command, flags: CrossoverFlags) {
      const ctx = resolveContext(this);
      const alpha = parseAlpha(flags.alpha);
      if (flags.input === undefined)
        throw new AppError(
          'BAD_USAGE',
          'pass --input FILE (CSV or JSON with columns subject,sequence,y1,y2 or subject,sequence,period,treatment,y; - for stdin)',
          { where: '--input' },
        );
      const input = await readCommandInput(flags.input, {
        prompt: 'Paste CSV (subject,sequence,y1,y2 or subject,sequence,period,treatment,y), then press Ctrl-D on an empty line:\n',
      });
      const text = input.bytes.toString('utf8');
      if (detectCrossoverLayout(text) === 'periods') {
        analyzePeriods(ctx, input, text, flags, alpha);
        return;
      }
      if (flags.reference !== undefined || flags.carryover !== 'auto')
        throw new AppError('BAD_USAGE', 'takes data with one row per subject and period (subject,sequence,period,treatment,y)', {
          where: flags.reference !== undefined ? '--reference' : '--carryover',
        });
      const parsed = parseCrossoverInput(text, { binary: flags.binary ?? false });
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

/** 2+ treatments, one row per subject and period: the least-squares model with carryover (reports/stats/williams-analysis.ts). */
function analyzePeriods(ctx: CommandContext, input: CommandInput, text: string, flags: CrossoverFlags, alpha: number): void {
  if (flags.binary)
    throw new AppError('BAD_USAGE', 'pass/fail outcomes take one row per subject (subject,sequence,y1,y2) and the AB/BA design', {
      where: '--binary',
    });
  const parsed = parseCrossoverPeriods(text);
  if (!parsed.ok) refuseInput(ctx, input, formatCrossoverIssue(parsed.issue, input.name));
  const observations = parsed.value.observations.map(({ subject, period, treatment, y }) => ({ subject, period, treatment, y }));
  let result: ReturnType<typeof analyzeWilliams>;
  try {
    result = analyzeWilliams(observations, {
      alpha,
      carryover: CARRYOVER_MODES[flags.carryover],
      ...(flags.reference === undefined ? {} : { reference: flags.reference }),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'BAD_INPUT') refuseInput(ctx, input, `${input.name}: ${error.message}`);
    throw error;
  }
  printResult(ctx.json, { input: input.name, layout: 'periods', ...result }, () => renderWilliamsAnalysis(result));
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
