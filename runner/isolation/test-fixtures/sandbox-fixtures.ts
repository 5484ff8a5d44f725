// Shared by the bwrap and podman tests: a sample spec, a host with a ledger, a hostile script and what it must print.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { SandboxSpec } from '../build-bwrap-args.js';

/** An agent under a root runner, with a hide, an exposure inside it, a data dir and a hide under /tmp (dropped). */
export const SAMPLE_SPEC: SandboxSpec = {
  writable: '/tmp/arm',
  hide: ['/root', '/tmp/x'],
  expose: ['/root/.nvm'],
  hideAlways: ['/srv/data'],
  shareNet: true,
  cwd: '/tmp/arm/work',
  file: 'claude',
  args: ['-p'],
  runAs: { uid: 65534, gid: 65534 },
};

/** A temp folder holding a data dir with a 0600 ledger; `remove` deletes it all. */
export function makeHostWithLedger(prefix: string): { root: string; dataDir: string; ledger: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const ledger = join(dataDir, 'windows.jsonl');
  writeFileSync(ledger, '{"secret":true}\n', { mode: 0o600 });
  return { root, dataDir, ledger, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface HostileTargets {
  /** A file outside the private /tmp: a write there would land on the host. */
  outside: string;
  /** The ledger of a data dir: hidden. */
  ledger: string;
  /** A file in the host's /tmp: a private /tmp cannot see it. */
  hostTmp: string;
}

/** One line per attack, then a write to its own work folder and its uid. */
export function buildHostileScript(targets: HostileTargets): string {
  return [
    `try { require('fs').writeFileSync(${JSON.stringify(targets.outside)}, 'x'); console.log('outside:written'); } catch (e) { console.log('outside:' + e.code); }`,
    `try { require('fs').readFileSync(${JSON.stringify(targets.ledger)}); console.log('ledger:read'); } catch (e) { console.log('ledger:' + e.code); }`,
    "require('fs').writeFileSync('inside.txt', 'ok');",
    "console.log('uid:' + process.getuid());",
    `console.log('tmp:' + require('fs').existsSync(${JSON.stringify(targets.hostTmp)}));`,
    "console.log('env:' + Object.keys(process.env).filter((k) => k !== 'HOSTNAME').sort().join(','));",
  ].join('\n');
}

/** Every attack failed: no write outside, no ledger, not root, a private /tmp. */
export function expectIsolated(out: string): void {
  expect(out).toMatch(/^outside:(EROFS|EACCES|ENOENT)$/m);
  expect(out).toMatch(/^ledger:ENOENT$/m);
  expect(out).toContain('tmp:false');
  expect(out).not.toContain('uid:0\n');
}
