// Test helper: a temporary task bank (one task with two solution files in sub-folders, awkward shell content).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Content a heredoc writer must keep byte for byte: EOF lines, quotes, `$`, backticks, backslashes, no final newline. */
export const TRICKY_CONTENT = "export const a = 'it''s';\nEOF\nSOLUTION_EOF\nconst b = \"$HOME ${x} `ls` \\\\n\";\n  EOF  \n$(echo expanded)\nno newline at the end";

export const TEMP_BANK_FILES: Record<string, Record<string, string>> = {
  'two-files': {
    'src/lib/deep/a.js': TRICKY_CONTENT,
    'src/main.js': "import { a } from './lib/deep/a.js';\nexport default a;\n",
  },
  'one-file': { 'index.js': 'module.exports = 42;\n' },
  'replaces-fixture': { 'src/stub.js': 'export const done = true;\n' },
};

/** Files a task's fixture already has: Claude Code must Read them before its Write may replace them. */
export const TEMP_BANK_FIXTURES: Record<string, Record<string, string>> = {
  'replaces-fixture': { 'src/stub.js': 'export const done = false;\n' },
};

/** Writes the bank (task.json, spec.md, fixture/, solution/) and returns its folder. */
export function makeTaskBank(): string {
  const dir = mkdtempSync(join(tmpdir(), 'solver-bank-'));
  for (const [id, files] of Object.entries(TEMP_BANK_FILES)) {
    mkdirSync(join(dir, id, 'fixture'), { recursive: true });
    writeFileSync(join(dir, id, 'task.json'), JSON.stringify({ id, title: id }));
    writeFileSync(join(dir, id, 'spec.md'), `# ${id}\n`);
    for (const [rel, content] of Object.entries(TEMP_BANK_FIXTURES[id] ?? {})) {
      mkdirSync(dirname(join(dir, id, 'fixture', rel)), { recursive: true });
      writeFileSync(join(dir, id, 'fixture', rel), content);
    }
    for (const [rel, content] of Object.entries(files)) {
      const path = join(dir, id, 'solution', rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }
  return dir;
}
