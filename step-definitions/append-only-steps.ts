// Steps that hold every command to the ledger's first promise: existing bytes never change, rows are only appended.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

const remembered = new WeakMap<TrackerWorld, Map<string, Buffer>>();

/** Every ledger and CSV file under the data dir (state/ and reports/ are the tool's own scratch and output). */
function listLedgerFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'state' || name === 'reports' ? [] : listLedgerFiles(path, root);
    return /\.(jsonl|csv)$/.test(name) ? [relative(root, path)] : [];
  });
}

When('I remember the bytes of every ledger file', function (this: TrackerWorld) {
  const files = new Map(listLedgerFiles(this.dataDir).map((file) => [file, readFileSync(join(this.dataDir, file))]));
  assert.ok(files.size >= 3, `expected a populated ledger, found ${[...files.keys()].join(', ') || 'nothing'}`);
  remembered.set(this, files);
});

Then('every ledger file still begins with the bytes I remembered', function (this: TrackerWorld) {
  const before = remembered.get(this);
  assert.ok(before, 'nothing remembered');
  for (const [file, bytes] of before) {
    const now = readFileSync(join(this.dataDir, file));
    assert.ok(
      now.length >= bytes.length && now.subarray(0, bytes.length).equals(bytes),
      `${file} was rewritten, not appended to (${bytes.length} bytes before, ${now.length} now)`,
    );
  }
});

Then('the command is refused', function (this: TrackerWorld) {
  this.expectFailure();
});
