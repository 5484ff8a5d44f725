// The nested modules a task's hidden go.work uses, whose requirements are fetched beside the root's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropLocalReplaces, listWorkspaceModules } from './fetch-go-modules.js';

const dir = mkdtempSync(join(tmpdir(), 'go-work-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(text: string): string[] {
  writeFileSync(join(dir, 'go.work'), text);
  return listWorkspaceModules(join(dir, 'go.work'));
}

describe('listWorkspaceModules', () => {
  it('reads a use block and single use lines, leaving out the root itself', () => {
    expect(read('go 1.19\n\nuse (\n\t.\n\t./bench\n\t./tools/cli\n)\n')).toEqual(['bench', 'tools/cli']);
    expect(read('go 1.18\n\nuse .\nuse ./bench\n')).toEqual(['bench']);
  });
  it('never names a folder outside the task: a parent or an absolute path is left out', () => {
    expect(read('go 1.19\n\nuse (\n\t../other\n\t/etc\n\t./ok/../../x\n\t./ok\n)\n')).toEqual(['ok']);
  });
  it('is empty without a go.work', () => {
    expect(listWorkspaceModules(join(dir, 'absent', 'go.work'))).toEqual([]);
  });
});

describe('dropLocalReplaces', () => {
  it("leaves out a nested module's replace by a local path (the workspace supplies it), keeping the rest", () => {
    const mod =
      'module example.com/root/bench\n\nrequire example.com/root v0.0.0\nreplace example.com/root => ../\nreplace (\n\tx.io/a => ./a\n\tx.io/b => x.io/c v1.0.0\n)\n';
    expect(dropLocalReplaces(mod)).toBe(
      'module example.com/root/bench\n\nrequire example.com/root v0.0.0\nreplace (\n\tx.io/b => x.io/c v1.0.0\n)\n',
    );
  });
});
