// Version readers: the program's own words, tidied, asked once per command; "unknown" when it cannot answer.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tidyClaudeVersion } from './claude-driver.js';
import { createVersionReader } from './read-version.js';

/** A stand-in program that prints `printed` for --version (exit `code`) and counts its runs. */
function makeProgram(printed: string, code = 0): { file: string; runs: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'version-'));
  const file = join(dir, 'agent');
  const count = join(dir, 'runs');
  writeFileSync(count, '');
  writeFileSync(file, `#!/bin/sh\necho run >> '${count}'\nprintf '%s\\n' '${printed}'\nexit ${code}\n`);
  chmodSync(file, 0o755);
  return { file, runs: () => readFileSync(count, 'utf8').split('\n').filter(Boolean).length };
}

describe('createVersionReader', () => {
  it('returns the trimmed first line, tidied', async () => {
    const program = makeProgram('  2.1.329 (Claude Code)  ');
    expect(await createVersionReader('claude', tidyClaudeVersion)(program.file)).toBe('claude-code 2.1.329');
  });

  it('asks each command once', async () => {
    const program = makeProgram('codex-cli 0.169.0');
    const read = createVersionReader('codex');
    expect(await read(program.file)).toBe('codex-cli 0.169.0');
    expect(await read(program.file)).toBe('codex-cli 0.169.0');
    expect(program.runs()).toBe(1);
  });

  it('uses the default command when none is given', async () => {
    const program = makeProgram('codex-cli 9.9.9');
    expect(await createVersionReader(program.file)()).toBe('codex-cli 9.9.9');
  });

  it('is unknown for a missing program, a failing one, or an empty answer', async () => {
    const read = createVersionReader('claude');
    expect(await read('/no/such/program')).toBe('unknown');
    expect(await read(makeProgram('1.0.0', 3).file)).toBe('unknown');
    expect(await read(makeProgram('').file)).toBe('unknown');
  });
});
