import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../kernel/index.js';
import { addGlobalOptions } from '../global-options.js';
import { createPowerCommand, createSampleSizeCommand } from './experiment-power.js';

async function run(...args: string[]): Promise<string> {
  const program = addGlobalOptions(new Command('experiment'));
  program.addCommand(createPowerCommand());
  program.addCommand(createSampleSizeCommand());
  for (const command of [program, ...program.commands]) command.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  let output = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output += String(chunk);
    return true;
  });
  await program.parseAsync(['node', 'experiment', ...args]);
  return output;
}

async function failure(...args: string[]): Promise<{ where: string | undefined; message: string }> {
  try {
    await run(...args);
  } catch (error) {
    if (error instanceof AppError) return { where: error.where, message: error.message };
    return { where: undefined, message: (error as Error).message };
  }
  throw new Error(`expected ${args.join(' ')} to fail`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('experiment power', () => {
  it('prints the power in one line, with the test distribution under it', async () => {
    const output = await run('power', '--design', 'two-sample', '--effect', '0.5', '--n', '64');
    expect(output).toMatch(/^power = 0\.8015 \(two-sample, d = 0\.5, n = 64 per group, alpha = 0\.05\)\n/);
    expect(output).toContain('noncentral t: df = 126, ncp = 2.8284, critical |t| = 1.9790');
  });

  it('prints JSON with --json', async () => {
    const parsed = JSON.parse(await run('--json', 'power', '--design', 'paired', '--effect', '0.3', '--n', '90', '--alpha', '0.05')) as {
      power: number;
      df: number;
    };
    expect(parsed.power).toBeCloseTo(0.8037943, 7);
    expect(parsed.df).toBe(89);
  });

  it('names the flag and the value it refuses', async () => {
    expect(await failure('power', '--design', 'paired', '--effect', '0', '--n', '10')).toEqual({
      where: '--effect',
      message: 'expected a standardized effect d > 0, got 0',
    });
    expect(await failure('power', '--design', 'paired', '--effect', '-0.5', '--n', '10')).toMatchObject({ where: '--effect' });
    expect(await failure('power', '--design', 'paired', '--effect', 'big', '--n', '10')).toEqual({
      where: '--effect',
      message: 'expected a number, got "big"',
    });
    expect(await failure('power', '--design', 'paired', '--effect', '0.5', '--n', '1')).toMatchObject({
      where: '--n',
      message: expect.stringMatching(/>= 2.*got 1$/),
    });
    expect(await failure('power', '--design', 'paired', '--effect', '0.5', '--n', '10', '--alpha', '1.5')).toMatchObject({
      where: '--alpha',
      message: expect.stringMatching(/between 0 and 1, got 1.5/),
    });
    expect((await failure('power', '--design', 'parallel', '--effect', '0.5', '--n', '10')).message).toMatch(
      /Allowed choices are two-sample, paired, crossover/,
    );
    expect((await failure('power', '--design', 'paired', '--n', '10')).message).toMatch(/--effect/);
  });

  it('refuses NaN, inf and decimals past the double range by flag', async () => {
    expect(await failure('power', '--design', 'paired', '--effect', 'NaN', '--n', '10')).toEqual({
      where: '--effect',
      message: 'expected a finite number, got "NaN"',
    });
    expect(await failure('power', '--design', 'paired', '--effect', '0.5', '--n', '-inf')).toEqual({
      where: '--n',
      message: 'expected a finite number, got "-inf"',
    });
    // Before: 1e999 became Infinity and the message said "got Infinity", not what was typed.
    expect(await failure('power', '--design', 'paired', '--effect', '1e999', '--n', '10')).toEqual({
      where: '--effect',
      message: 'expected a finite number, got "1e999", which is past the double range (about ±1.8e308)',
    });
    expect(await failure('power', '--design', 'paired', '--effect', '0.5', '--n', '10', '--alpha', 'Infinity')).toMatchObject({
      where: '--alpha',
    });
  });

  it('answers for effects from 1e-300 to 1.7e308 and a million subjects, printing the ncp in exponent form', async () => {
    // Before: an ncp of 3.2e-297 printed as "0.0000".
    expect(await run('power', '--design', 'paired', '--effect', '1e-300', '--n', '10')).toMatch(
      /^power = 0\.0500 [\s\S]*ncp = 3\.1623e-300,/,
    );
    expect(await run('power', '--design', 'paired', '--effect', '1e300', '--n', '1000000')).toMatch(
      /^power = 1\.0000 [\s\S]*ncp = 1\.0000e\+303,/,
    );
    expect(await run('power', '--design', 'two-sample', '--effect', '1.7e308', '--n', '8')).toMatch(
      /ncp = Infinity \(past the double range: power is its limit, 1\)/,
    );
  });
});

describe('experiment sample-size', () => {
  it('prints the smallest n and, given the sample so far, how many more are needed', async () => {
    expect(await run('sample-size', '--design', 'two-sample', '--effect', '0.5')).toBe(
      'n = 64 per group reaches power 0.8015 >= 0.8 (two-sample, d = 0.5, alpha = 0.05)\n',
    );
    const output = await run('sample-size', '--design', 'crossover', '--effect', '0.5', '--power', '0.8', '--current-n', '20');
    expect(output).toMatch(/^n = 34 subjects \(17 AB, 17 BA\) reaches power 0\.8070 >= 0\.8/);
    expect(output).toMatch(/have 20 \(power 0\.\d{4}\): 14 more needed \(subjects in total\)\n$/);
  });

  it('names the flag for a bad power or current n', async () => {
    expect(await failure('sample-size', '--design', 'paired', '--effect', '0.5', '--power', '1')).toMatchObject({ where: '--power' });
    expect(await failure('sample-size', '--design', 'paired', '--effect', '0.5', '--current-n', '2.5')).toMatchObject({
      where: '--current-n',
    });
    expect(await failure('sample-size', '--design', 'paired', '--effect', '0.5', '--power', 'nan')).toEqual({
      where: '--power',
      message: 'expected a finite number, got "nan"',
    });
    expect(await failure('sample-size', '--design', 'paired', '--effect', '0.5', '--current-n', '1e400')).toMatchObject({
      where: '--current-n',
      message: expect.stringMatching(/past the double range/),
    });
    expect(await failure('sample-size', '--design', 'paired', '--effect', '1e-300')).toMatchObject({
      where: '--effect',
      message: expect.stringMatching(/needs more than 100,000,000 pairs/),
    });
  });
});
