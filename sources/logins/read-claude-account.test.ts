// Which login a Claude Code config dir is: its own .claude.json, else the home folder's for the default dirs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintAccount } from '../../ledger/vocabulary/index.js';
import { readConfigDirAccount, readConfigDirLogin } from './read-claude-account.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'claude-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const login = (org: string) => JSON.stringify({ projects: {}, oauthAccount: { emailAddress: 'a@example.com', organizationUuid: org } });

describe('readConfigDirAccount', () => {
  it('reads ~/.claude.json for ~/.claude and ~/.config/claude, and a CLAUDE_CONFIG_DIR its own', () => {
    writeFileSync(join(home, '.claude.json'), login('org-first-000001'));
    for (const dir of ['.claude', '.config/claude', 'second']) mkdirSync(join(home, dir), { recursive: true });
    writeFileSync(join(home, 'second', '.claude.json'), login('org-second-00002'));
    expect(readConfigDirAccount(join(home, '.claude'), home)).toBe(fingerprintAccount('organization', 'org-first-000001'));
    expect(readConfigDirAccount(join(home, '.config', 'claude'), home)).toBe(fingerprintAccount('organization', 'org-first-000001'));
    expect(readConfigDirAccount(join(home, 'second'), home)).toBe(fingerprintAccount('organization', 'org-second-00002'));
  });

  it('reads the address the login signed in with beside its account, and none written with escapes', () => {
    mkdirSync(join(home, 'second'));
    writeFileSync(join(home, 'second', '.claude.json'), login('org-second-00002'));
    expect(readConfigDirLogin(join(home, 'second'), home)).toEqual({
      account: fingerprintAccount('organization', 'org-second-00002'),
      email: 'a@example.com',
    });
    const odd = { oauthAccount: { emailAddress: 'a\u001b[31m@example.com', organizationUuid: 'org-second-00002' } };
    writeFileSync(join(home, 'second', '.claude.json'), JSON.stringify(odd));
    expect(readConfigDirLogin(join(home, 'second'), home)?.email).toBeNull();
  });

  it('names none for another folder without its own file, or a login by API key', () => {
    writeFileSync(join(home, '.claude.json'), login('org-first-000001'));
    mkdirSync(join(home, 'copy'));
    expect(readConfigDirAccount(join(home, 'copy'), home)).toBeNull();
    writeFileSync(join(home, 'copy', '.claude.json'), JSON.stringify({ primaryApiKey: 'sk-ant-…' }));
    expect(readConfigDirAccount(join(home, 'copy'), home)).toBeNull();
  });
});
