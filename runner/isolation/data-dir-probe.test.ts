// From inside a real bwrap arm: no data dir is readable, wherever it lies, and the package shows only its runtime files.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allowSkip, findPackageRoot } from '../../kernel/index.js';
import { ensureDataDir } from '../../ledger/index.js';
import { buildIsolationPlan, probeBwrap } from './resolve-isolation.js';
import { handOverSandbox, wrapCommand } from './wrap-command.js';

const pkg = findPackageRoot() ?? '';
const unique = `${process.pid}-${Date.now()}`;
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A data dir as the product leaves it: the marker and a ledger holding something an arm must not read. */
function makeDataDir(dir: string): string {
  ensureDataDir(dir);
  writeFileSync(join(dir, 'snapshots.jsonl'), '{"secret":"another run"}\n', { mode: 0o644 });
  return dir;
}

// Made before the plan, as a run finds them when it starts.
const packageData = join(pkg, 'tracker-data');
if (!existsSync(packageData)) made.push(makeDataDir(packageData));
const artifacts = join(pkg, 'test-artifacts', `data-dir-probe-${unique}`);
made.push(artifacts);
const inPackage = makeDataDir(join(artifacts, 'other-experiment'));
const elsewhere = join('/var/tmp', `agent-tracker-other-data-${unique}`);
made.push(elsewhere);
const other = makeDataDir(join(elsewhere, 'experiments', 'data'));
const copy = join(elsewhere, 'backup', 'data-copy');
cpSync(other, copy, { recursive: true });
const unmarked = join(elsewhere, 'old', 'data');
mkdirSync(unmarked, { recursive: true });
writeFileSync(join(unmarked, 'windows.jsonl'), '{"secret":"an old run"}\n', { mode: 0o644 });
const scratch = mkdtempSync(join(tmpdir(), 'data-dir-probe-'));
made.push(scratch);
const ownData = makeDataDir(join(scratch, 'data'));

const plan = buildIsolationPlan({ commands: [], dataDir: ownData, env: process.env });
const bwrapError = allowSkip(spawnSync('which', ['bwrap']).status === 0 ? probeBwrap(plan) : 'bwrap is not installed');

/** What the arm sees of each place: its listing (or the error), and whether its ledger can be read. */
const PROBE = `
const fs = require('node:fs');
const look = (dir, file) => {
  let list; try { list = fs.readdirSync(dir); } catch (e) { list = e.code; }
  let read; try { fs.readFileSync(require('node:path').join(dir, file)); read = 'read'; } catch (e) { read = e.code; }
  return { list, read };
};
const [pkg, places] = JSON.parse(process.argv[1]);
console.log(JSON.stringify({ pkg: fs.readdirSync(pkg).sort(), places: places.map(([dir, file]) => look(dir, file)) }));
`;

describe.skipIf(bwrapError !== null)(`a data dir probe from inside an arm${bwrapError ? ` (skipped: ${bwrapError})` : ''}`, () => {
  it('lists and reads no data dir: the package tracker-data, another experiment in the package, one elsewhere, a copy, an unmarked one, its own', () => {
    const arm = mkdtempSync(join('/var/tmp', 'agent-tracker-arm-'));
    made.push(arm);
    mkdirSync(join(arm, 'work'));
    handOverSandbox(plan, arm);
    const places = [
      [packageData, 'snapshots.jsonl'],
      [inPackage, 'snapshots.jsonl'],
      [other, 'snapshots.jsonl'],
      [copy, 'snapshots.jsonl'],
      [unmarked, 'windows.jsonl'],
      [ownData, 'snapshots.jsonl'],
    ];
    const command = wrapCommand(
      plan,
      {
        file: process.execPath,
        args: ['-e', PROBE, JSON.stringify([pkg, places])],
        env: { PATH: '/usr/bin:/bin', HOME: arm },
        cwd: join(arm, 'work'),
      },
      { writable: arm, shareNet: false },
    );
    const seen = JSON.parse(execFileSync(command.file, command.args, { cwd: command.cwd, env: command.env, encoding: 'utf8' })) as {
      pkg: string[];
      places: Array<{ list: string[] | string; read: string }>;
    };
    for (const [at, place] of seen.places.entries()) {
      expect([[], 'ENOENT'], String(places[at]?.[0])).toContainEqual(place.list);
      expect(place.read, String(places[at]?.[0])).toMatch(/^E/);
    }
    // Only what the scripted agent and the test hooks run: never the checkout's data, artifacts, specs or git folder.
    expect(seen.pkg).toContain('dist');
    expect(seen.pkg).toContain('package.json');
    for (const name of ['tracker-data', 'test-artifacts', 'features', '.git', 'docs', 'step-definitions'])
      expect(seen.pkg).not.toContain(name);
  });
});
