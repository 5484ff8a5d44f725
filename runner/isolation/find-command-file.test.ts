// The agent command behind a link or a PATH name, as the sandbox must run it.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCommandFile, findInstallDir } from './find-command-file.js';
import { buildIsolationPlan } from './resolve-isolation.js';
import { wrapCommand } from './wrap-command.js';

const root = mkdtempSync(join(tmpdir(), 'find-command-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeProgram(file: string, mode = 0o755): string {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, '#!/bin/sh\necho 1.0\n');
  chmodSync(file, mode);
  return file;
}

describe('findCommandFile', () => {
  // Claude Code's native installer: ~/.local/bin/claude -> ~/.local/share/claude/versions/<version>.
  const real = writeProgram(join(root, 'home', '.local', 'share', 'claude', 'versions', '2.1.329'));
  const bin = join(root, 'home', '.local', 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(real, join(bin, 'claude'));

  it('follows a link on PATH to the real file, whose folder is what the sandbox binds back', () => {
    expect(findCommandFile('claude', `/nonexistent:${bin}`)).toBe(real);
    expect(findCommandFile(join(bin, 'claude'), undefined)).toBe(real);
    expect(findInstallDir(real)).toBe(join(root, 'home', '.local', 'share', 'claude', 'versions'));
  });

  it('takes the first executable file on PATH, as execvp does: a folder or a file without x is passed over', () => {
    writeProgram(join(root, 'first', 'codex'), 0o644);
    mkdirSync(join(root, 'second', 'codex'), { recursive: true });
    const third = writeProgram(join(root, 'third', 'codex'));
    const path = ['first', 'second', 'third'].map((dir) => join(root, dir)).join(':');
    expect(findCommandFile('codex', path)).toBe(third);
    expect(findCommandFile('codex', join(root, 'first'))).toBeNull();
    expect(findCommandFile(join(root, 'nowhere', 'claude'), undefined)).toBeNull();
  });

  it('keeps an npm install whole: the node_modules tree its file sits in', () => {
    expect(findInstallDir('/opt/clients/node_modules/@openai/codex/bin/codex.js')).toBe('/opt/clients/node_modules');
  });

  it('the isolation plan runs the resolved file inside, never the name its hidden PATH folder held', () => {
    const plan = buildIsolationPlan({
      commands: ['claude'],
      dataDir: join(root, 'data'),
      env: { HOME: join(root, 'home'), PATH: bin },
      uid: 1000,
    });
    expect(plan.commands).toEqual({ claude: real });
    expect(plan.expose).toContain(join(root, 'home', '.local', 'share', 'claude', 'versions'));
    const wrapped = wrapCommand(
      plan,
      { file: 'claude', args: ['-p'], env: {}, cwd: join(root, 'arm', 'work') },
      { writable: join(root, 'arm'), shareNet: true },
    );
    expect(wrapped.args.slice(-3)).toEqual(['--', real, '-p']);
    // Another command (the hidden tests' node) is left to the sandbox's own PATH lookup.
    const tests = wrapCommand(plan, { file: 'node', args: [], env: {}, cwd: root }, { writable: join(root, 'arm'), shareNet: false });
    expect(tests.args.at(-1)).toBe('node');
  });

  it("hides the agents' own login folders that live outside every home (GEMINI_CLI_HOME, CODEX_HOME elsewhere)", () => {
    for (const dir of [join(root, 'home', '.codex'), join(root, 'opt', 'g', '.gemini')]) mkdirSync(dir, { recursive: true });
    const plan = buildIsolationPlan({
      commands: [],
      dataDir: join(root, 'srv', 'data'),
      env: { HOME: join(root, 'home'), GEMINI_CLI_HOME: join(root, 'opt', 'g'), CODEX_HOME: join(root, 'home', '.codex'), PATH: bin },
      uid: 1000,
    });
    expect(plan.hide).toContain(join(root, 'opt', 'g', '.gemini'));
    // Codex's login inside HOME is hidden with HOME already.
    expect(plan.hide).not.toContain(join(root, 'home', '.codex'));
    expect(plan.hide).toContain(join(root, 'home'));
  });
});
