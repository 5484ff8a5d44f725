import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../kernel/index.js';
import { describeSetupFailure } from './describe-setup-failure.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'setup-failure-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('describeSetupFailure', () => {
  it("names a queued file that is not what its flag takes, never quoting the error's words (they quote the file)", () => {
    const file = join(dir, 'shadow');
    writeFileSync(file, 'root:$6$secret:19000:0:99999:7:::\n');
    // What parsePriceOverride throws for such a file: JSON.parse's message carries its first characters.
    const error = new AppError('BAD_INPUT', `the price file is not JSON (Unexpected token 'r', "root:$6$se"... is not valid JSON)`, {
      where: file,
    });
    const line = describeSetupFailure(error, { seed: '1', prices: file });
    expect(line).toBe(`--prices ${file}: a file this worker can read but cannot use as this flag's input (its content is not shown)`);
    expect(line).not.toMatch(/root|secret/);
  });

  it('says a missing file is missing, and a relative one was read from the worker folder', () => {
    const error = new AppError('NOT_FOUND', 'cannot read the file: ENOENT', { where: 'hq/prices.json' });
    expect(describeSetupFailure(error, { prices: 'hq/prices.json' })).toBe(
      "--prices hq/prices.json (queued as a relative path: read from this worker's folder): no such file or folder on this machine",
    );
  });

  it('names the flag of a file inside a queued folder (a task of the bank)', () => {
    const task = join(dir, 'bank', 'ini-parser', 'task.json');
    const error = new AppError('BAD_INPUT', 'id "quoted-from-the-file" does not match its folder "ini-parser"', { where: task });
    const line = describeSetupFailure(error, { tasks: join(dir, 'bank') });
    expect(line).toBe(`--tasks ${task}: no such file or folder on this machine`);
    expect(line).not.toContain('quoted-from-the-file');
  });

  it('says an error about a flag or the plan as it is, and an error not ours by its name only', () => {
    const flag = new AppError('BAD_USAGE', 'expected a whole number from 1 to 64, got "0"', { where: '--parallel' });
    expect(describeSetupFailure(flag, {})).toBe('--parallel: expected a whole number from 1 to 64, got "0"');
    const plan = new AppError('RULE_VIOLATION', 'the queued settings give plan plan-b on this machine, not plan-a', {
      where: 'plan plan-a',
    });
    expect(describeSetupFailure(plan, {})).toBe('plan plan-a: the queued settings give plan plan-b on this machine, not plan-a');
    const raw = new SyntaxError('Unexpected token \'r\', "root:$6$se"... is not valid JSON');
    const line = describeSetupFailure(raw, { profiles: '/etc/shadow' });
    expect(line).toBe('SyntaxError while setting it up from --profiles /etc/shadow (its message is not shown: it may quote a file)');
  });
});
