// `experiment power` and `experiment sample-size`: two-sided t-test power from the noncentral t, and the n it takes.
import { Command, Option } from 'commander';
import { AppError } from '../../kernel/index.js';
import {
  computePower,
  computeSampleSize,
  STUDY_DESIGNS,
  type PowerResult,
  type SampleSizeResult,
  type StudyDesign,
} from '../../reports/index.js';
import { printResult } from '../print-output.js';

/** Which flag carries each input field, so an error from the statistics names the flag the user typed. */
const FLAGS: Record<string, string> = {
  design: '--design',
  effect: '--effect',
  n: '--n',
  alpha: '--alpha',
  power: '--power',
  currentN: '--current-n',
};

const DESIGN_HELP = 'two-sample (n per group), paired (n pairs) or crossover (AB/BA, n subjects in total)';
const EFFECT_HELP = "standardized effect d > 0: mean difference / SD (crossover: / SD of a subject's A - B difference)";

interface PowerFlags {
  design: StudyDesign;
  effect: string;
  n: string;
  alpha: string;
}

interface SampleSizeFlags {
  design: StudyDesign;
  effect: string;
  power: string;
  alpha: string;
  currentN?: string;
}

/** `experiment power --design D --effect d --n N [--alpha A]`: the power of a two-sided t test. */
export function createPowerCommand(): Command {
  return new Command('power')
    .description('power of a two-sided t test for a standardized effect, from the noncentral t distribution')
    .addOption(new Option('--design <design>', DESIGN_HELP).choices(STUDY_DESIGNS).makeOptionMandatory())
    .requiredOption('--effect <d>', EFFECT_HELP)
    .requiredOption('--n <n>', 'sample size: per group (two-sample), pairs (paired), subjects in total (crossover)')
    .option('--alpha <alpha>', 'two-sided significance level, strictly between 0 and 1', '0.05')
    .action(function (this: Command, flags: PowerFlags) {
      const result = withFlagNames(() =>
        computePower({
          design: flags.design,
          effect: parseNumber(flags.effect, '--effect'),
          n: parseNumber(flags.n, '--n'),
          alpha: parseNumber(flags.alpha, '--alpha'),
        }),
      );
      printResult(isJson(this), result, () => renderPower(result));
    });
}

/** `experiment sample-size --design D --effect d [--power P] [--alpha A] [--current-n N]`: the smallest n reaching the power. */
export function createSampleSizeCommand(): Command {
  return new Command('sample-size')
    .description('smallest sample size whose two-sided t test reaches the target power, and how many more are needed')
    .addOption(new Option('--design <design>', DESIGN_HELP).choices(STUDY_DESIGNS).makeOptionMandatory())
    .requiredOption('--effect <d>', EFFECT_HELP)
    .option('--power <power>', 'target power, strictly between 0 and 1', '0.8')
    .option('--alpha <alpha>', 'two-sided significance level, strictly between 0 and 1', '0.05')
    .option('--current-n <n>', 'sample collected so far (same unit as n), to print how many more are needed')
    .action(function (this: Command, flags: SampleSizeFlags) {
      const result = withFlagNames(() =>
        computeSampleSize({
          design: flags.design,
          effect: parseNumber(flags.effect, '--effect'),
          power: parseNumber(flags.power, '--power'),
          alpha: parseNumber(flags.alpha, '--alpha'),
          currentN: flags.currentN === undefined ? undefined : parseNumber(flags.currentN, '--current-n'),
        }),
      );
      printResult(isJson(this), result, () => renderSampleSize(result));
    });
}

function isJson(command: Command): boolean {
  return command.optsWithGlobals<{ json?: boolean }>().json === true;
}

/**
 * A plain finite decimal (optionally signed, with an exponent); the range checks are the statistics' own. NaN and
 * inf are not numbers here, and a decimal past the double range (1e999) would become Infinity: both are refused
 * by name, since no power or sample size answers them.
 */
function parseNumber(value: string, flag: string): number {
  if (/^[-+]?(?:nan|inf(?:inity)?)$/i.test(value.trim()))
    throw new AppError('BAD_USAGE', `expected a finite number, got ${JSON.stringify(value)}`, { where: flag });
  if (!/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(value)) {
    throw new AppError('BAD_USAGE', `expected a number, got ${JSON.stringify(value)}`, { where: flag });
  }
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new AppError(
      'BAD_USAGE',
      `expected a finite number, got ${JSON.stringify(value)}, which is past the double range (about ±1.8e308)`,
      { where: flag },
    );
  return parsed;
}

/** Runs the computation, renaming the field in a range error to the flag that set it. */
function withFlagNames<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    const flag = error instanceof AppError && error.where !== undefined ? FLAGS[error.where] : undefined;
    if (error instanceof AppError && flag !== undefined) throw new AppError(error.code, error.message, { where: flag, cause: error });
    throw error;
  }
}

function describeN(design: StudyDesign, n: number): string {
  if (design === 'two-sample') return `n = ${n} per group`;
  if (design === 'paired') return `n = ${n} pairs`;
  const ab = Math.floor(n / 2);
  return `n = ${n} subjects (${ab} AB, ${n - ab} BA)`;
}

function renderPower(result: PowerResult): string {
  return (
    `power = ${result.power.toFixed(4)} (${result.design}, d = ${result.effect}, ${describeN(result.design, result.n)}, alpha = ${result.alpha})\n` +
    `  noncentral t: df = ${result.df}, ncp = ${formatNcp(result.ncp)}, critical |t| = ${result.t_critical.toFixed(4)} (two-sided)\n` +
    (result.error_bound > 0
      ? `  normal approximation past ncp 1000 (Abramowitz & Stegun 26.7.10): power within +/- ${result.error_bound}\n`
      : '')
  );
}

/** Fixed decimals while they read well, else scientific (an effect of 1e300 or 1e-300 gives an ncp no decimal shows). */
function formatNcp(ncp: number): string {
  if (!Number.isFinite(ncp)) return `${ncp} (past the double range: power is its limit, 1)`;
  return ncp === 0 || (Math.abs(ncp) >= 1e-3 && Math.abs(ncp) < 1e9) ? ncp.toFixed(4) : ncp.toExponential(4);
}

function renderSampleSize(result: SampleSizeResult): string {
  const lines = [
    `${describeN(result.design, result.n)} reaches power ${result.achieved_power.toFixed(4)} >= ${result.target_power} (${result.design}, d = ${result.effect}, alpha = ${result.alpha})`,
  ];
  if (result.current_n !== null) {
    const now = result.current_power === null ? 'too few for a test' : `power ${result.current_power.toFixed(4)}`;
    const more = result.still_needed === 0 ? 'none more needed' : `${result.still_needed} more needed (${result.unit})`;
    lines.push(`  have ${result.current_n} (${now}): ${more}`);
  }
  return `${lines.join('\n')}\n`;
}
