// The sandbox registry: what a killed run left is removed by the next one; nothing else is ever touched.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerSandbox, removeLeftoverSandboxes, unregisterSandbox } from './sandbox-registry.js';

const scratch = mkdtempSync(join(tmpdir(), 'sandbox-registry-'));

function makeArmFolder(): string {
  const root = mkdtempSync(join(scratch, 'agent-tracker-arm-'));
  mkdirSync(join(root, 'work'));
  return root;
}

describe('sandbox registry', () => {
  it('removes a registered sandbox that was left behind, and forgets it', () => {
    const dataDir = join(scratch, 'data-1');
    const left = makeArmFolder();
    registerSandbox(dataDir, left);
    expect(removeLeftoverSandboxes(dataDir)).toEqual([left]);
    expect(existsSync(left)).toBe(false);
    expect(removeLeftoverSandboxes(dataDir)).toEqual([]);
  });

  it('leaves alone a sandbox that was unregistered, and entries that do not name an arm folder', () => {
    const dataDir = join(scratch, 'data-2');
    const done = makeArmFolder();
    registerSandbox(dataDir, done);
    unregisterSandbox(dataDir, done);
    const precious = join(scratch, 'precious');
    mkdirSync(precious);
    writeFileSync(join(dataDir, 'state', 'runs', 'sandboxes', 'precious'), precious);
    expect(removeLeftoverSandboxes(dataDir)).toEqual([]);
    expect(existsSync(done)).toBe(true);
    expect(existsSync(precious)).toBe(true);
  });
});
