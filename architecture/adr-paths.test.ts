// The record of decisions stays true: every path an accepted ADR names is a file or folder of the repository today.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findStaleAdrPaths } from './find-adr-paths.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the accepted ADRs', () => {
  it('name only paths that exist', () => {
    expect(findStaleAdrPaths(root)).toEqual([]);
  });
});

describe('finding stale paths', () => {
  const repository = mkdtempSync(join(tmpdir(), 'adr-paths-'));
  mkdirSync(join(repository, 'docs/decisions'), { recursive: true });
  mkdirSync(join(repository, 'ledger/store'), { recursive: true });
  writeFileSync(join(repository, 'ledger/store/append-rows.ts'), 'one\ntwo\nthree\n');
  writeFileSync(join(repository, 'package.json'), '{}');
  const write = (name: string, text: string) => writeFileSync(join(repository, 'docs/decisions', name), text);
  write(
    '0001-kept.md',
    'Status: accepted. Code: `ledger/store/append-rows.ts:2-3`, `ledger/{store}/*.ts`, `package.json`, `ledger/gone.ts`,\n' +
      '`ledger/store/append-rows.ts:4`, `package.json:1`,\n' +
      '`ledger/{store,lost}/append-rows.ts`, `ledger/store/*.mjs`, the former ledger/old.ts, `npm run build`.\n',
  );
  write('0002-old.md', 'Status: **superseded** by ADR 0001. Code: `ledger/removed.ts`.\n');

  it("reports a missing file, a line past a file's end, a brace alternative missing and a glob matching nothing, in accepted ADRs only", () => {
    expect(findStaleAdrPaths(repository)).toEqual([
      { adr: '0001-kept.md', path: 'ledger/gone.ts' },
      { adr: '0001-kept.md', path: 'ledger/store/append-rows.ts:4' },
      { adr: '0001-kept.md', path: 'ledger/{store,lost}/append-rows.ts' },
      { adr: '0001-kept.md', path: 'ledger/store/*.mjs' },
    ]);
  });
});
