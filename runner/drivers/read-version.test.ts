// Version readers: the program's own words, tidied, asked once per command for the process (failures too); "unknown" when it cannot answer.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tidyClaudeVersion } from './claude-driver.js';
import { geminiDriver } from './gemini-driver.js';
import { createVersionReader, VERSION_TIMEOUT_MS } from './read-version.js';

/** A stand-in program that prints `printed` for --version (exit `code`) and counts its runs. */
function makeProgram(printed: string, code = 0, before = ''): { file: string; runs: () => number } {
  const dir = mkdtempSync(join(tmpdir(), 'version-'));
  const file = join(dir, 'agent');
  const count = join(dir, 'runs');
  writeFileSync(count, '');
  writeFileSync(file, `#!/bin/sh\necho run >> '${count}'\n${before}\nprintf '%s\\n' '${printed}'\nexit ${code}\n`);
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

  it('asks a command once for the whole process: across readers, and a failure too', async () => {
    const program = makeProgram('codex-cli 1.2.3');
    expect(await createVersionReader('codex')(program.file)).toBe('codex-cli 1.2.3');
    expect(await createVersionReader('claude', (printed) => `tidied ${printed}`)(program.file)).toBe('tidied codex-cli 1.2.3');
    expect(program.runs()).toBe(1);

    const failing = makeProgram('1.0.0', 3);
    expect(await createVersionReader('claude')(failing.file)).toBe('unknown');
    expect(await createVersionReader('codex')(failing.file)).toBe('unknown');
    expect(failing.runs()).toBe(1);
  });

  it("gives up after the timeout (5 s by default), not waiting for a wrapper script's child holding stdout", async () => {
    expect(VERSION_TIMEOUT_MS).toBe(5000);
    const program = makeProgram('9.9.9', 0, 'sleep 30');
    const started = Date.now();
    expect(await createVersionReader('x', undefined, { timeoutMs: 300 })(program.file)).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(program.runs()).toBe(1);
  });

  it("reads Gemini CLI's version from its npm install's package.json, without starting the slow CLI", async () => {
    // As `npm i -g @google/gemini-cli` lays it out: bin/gemini links to the package's script.
    const prefix = mkdtempSync(join(tmpdir(), 'gemini-install-'));
    const pkg = join(prefix, 'lib', 'node_modules', '@google', 'gemini-cli');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@google/gemini-cli', version: '0.61.0' }));
    const program = makeProgram('started anyway');
    writeFileSync(join(pkg, 'dist', 'index.js'), readFileSync(program.file));
    chmodSync(join(pkg, 'dist', 'index.js'), 0o755);
    mkdirSync(join(prefix, 'bin'));
    symlinkSync(join(pkg, 'dist', 'index.js'), join(prefix, 'bin', 'gemini'));
    expect(await geminiDriver.readVersion(join(prefix, 'bin', 'gemini'))).toBe('gemini-cli 0.61.0');
    expect(program.runs()).toBe(0);
    expect(geminiDriver.startTimeoutMs).toBeGreaterThanOrEqual(23_000);
  });
});
