// Vitest's global set-up: every test's temporary folders under one folder of the run, removed when the run ends.
// Many tests make folders with mkdtemp under os.tmpdir() and leave them (a unit run left about 100 in /tmp); this
// catches them all without a cleanup in each. os.tmpdir() reads TMPDIR at each call, and the workers inherit it.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setUpTempRoot(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'tracker-vitest-'));
  // As /tmp is: a sandbox that drops to another user (setpriv) must still reach the folders made under it.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
