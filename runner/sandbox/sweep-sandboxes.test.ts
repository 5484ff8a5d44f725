// The sandbox sweep: a dead run's arm folders go (even one cut short before its fixture commit); a live run's, a kept one and anything unmarked stay.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptySandbox, removeSandbox } from './create-sandbox.js';
import { describeOwner, resolveOwnerMark } from './sandbox-owner.js';
import { sweepSandboxes } from './sweep-sandboxes.js';

const parent = mkdtempSync(join(tmpdir(), 'sweep-sandboxes-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** The pid of a process that has ended. */
const DEAD_PID = spawnSync('true').pid as number;

/** An arm folder as a run that has since died left it (its HOME with a login in it), marked by that run. */
function leaveArmFolder(pid: number, start?: string): string {
  const box = createEmptySandbox(parent);
  writeFileSync(join(box.homeDir, '.credentials.json'), '{"token":"x"}');
  const owner = { ...describeOwner(pid), ...(start === undefined ? {} : { start }) };
  writeFileSync(resolveOwnerMark(box.root), JSON.stringify(owner));
  return box.root;
}

describe('sweepSandboxes', () => {
  it("removes a dead run's arm folder and its mark, and leaves a live run's", () => {
    const dead = leaveArmFolder(DEAD_PID);
    const live = leaveArmFolder(process.ppid);
    expect(sweepSandboxes(parent, 'dead')).toEqual([dead]);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(resolveOwnerMark(dead))).toBe(false);
    expect(existsSync(join(live, 'home', '.credentials.json'))).toBe(true);
    removeSandbox(live);
  });

  it('takes a live pid with another start time for a dead owner (the pid was reused)', () => {
    const reused = leaveArmFolder(process.ppid, '1');
    expect(sweepSandboxes(parent, 'dead')).toEqual([reused]);
  });

  it("leaves this process's folders to a dead sweep and removes them in its own (SIGTERM)", () => {
    const box = createEmptySandbox(parent);
    expect(sweepSandboxes(parent, 'dead')).toEqual([]);
    expect(sweepSandboxes(parent, 'mine')).toEqual([box.root]);
    expect(existsSync(box.root)).toBe(false);
  });

  it("never touches an unmarked arm folder (a kept sandbox, another tool), another host's, nor a link at a mark's name", () => {
    const unmarked = mkdtempSync(join(parent, 'agent-tracker-arm-'));
    const otherHost = leaveArmFolder(DEAD_PID);
    writeFileSync(resolveOwnerMark(otherHost), JSON.stringify({ ...describeOwner(DEAD_PID), host: 'elsewhere' }));
    const precious = mkdtempSync(join(parent, 'precious-'));
    writeFileSync(join(precious, 'keep.txt'), 'mine');
    const link = join(parent, 'agent-tracker-arm-link00');
    symlinkSync(precious, link);
    writeFileSync(resolveOwnerMark(link), JSON.stringify(describeOwner(DEAD_PID)));
    expect(sweepSandboxes(parent, 'dead')).toEqual([]);
    expect(existsSync(unmarked)).toBe(true);
    expect(existsSync(otherHost)).toBe(true);
    expect(existsSync(join(precious, 'keep.txt'))).toBe(true);
    rmSync(link);
    rmSync(resolveOwnerMark(link));
    removeSandbox(otherHost);
    rmSync(unmarked, { recursive: true });
  });

  it('gives each arm folder a hidden mark the moment it is made, and removes it with the folder', () => {
    const box = createEmptySandbox(parent);
    expect(readdirSync(parent)).toContain(`.${basename(box.root)}.owner`);
    removeSandbox(box.root);
    expect(readdirSync(parent).filter((name) => name.includes(basename(box.root)))).toEqual([]);
  });

  it('removes a mark left without its folder (a kill between the two removals) and counts no folder', () => {
    const box = createEmptySandbox(parent);
    rmSync(box.root, { recursive: true });
    writeFileSync(resolveOwnerMark(box.root), JSON.stringify(describeOwner(DEAD_PID)));
    expect(sweepSandboxes(parent, 'dead')).toEqual([]);
    expect(existsSync(resolveOwnerMark(box.root))).toBe(false);
  });
});
