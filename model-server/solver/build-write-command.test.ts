// The exec_command writer: bash rebuilds every content byte for byte, whatever heredoc delimiters or quotes it holds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildWriteCommand, pickDelimiter, quoteShell } from './build-write-command.js';
import { TRICKY_CONTENT } from './test-fixtures/make-task-bank.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the command with bash in a fresh folder and returns what it wrote at `rel`. */
function runWrite(rel: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'write-command-'));
  dirs.push(dir);
  execFileSync('bash', ['-c', buildWriteCommand(rel, content)], { cwd: dir });
  return readFileSync(join(dir, rel), 'utf8');
}

describe('buildWriteCommand', () => {
  it.each([
    ['tricky content without a final newline', TRICKY_CONTENT],
    ['a file ending in a newline', 'line 1\nline 2\n'],
    ['blank lines at the end', 'x\n\n\n'],
    ['an empty file', ''],
    ['only a newline', '\n'],
    ['unicode and tabs', 'naïve — 日本\t"q" \'s\' \\ $1\n'],
  ])('reproduces %s', (_name, content) => {
    expect(runWrite("a/b c/it's.txt", content)).toBe(content);
  });

  it('writes at the top level without a mkdir', () => {
    expect(buildWriteCommand('top.js', 'x\n')).toBe("cat > 'top.js' <<'SOLUTION_EOF'\nx\nSOLUTION_EOF\n");
    expect(runWrite('top.js', 'x\n')).toBe('x\n');
  });

  it('picks a delimiter the content does not contain', () => {
    expect(pickDelimiter('plain')).toBe('SOLUTION_EOF');
    expect(pickDelimiter('SOLUTION_EOF and SOLUTION_EOF_1')).toBe('SOLUTION_EOF_2');
    expect(quoteShell("it's")).toBe("'it'\\''s'");
  });
});
