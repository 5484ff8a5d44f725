// Each Claude login's e-mail, read from the config dirs a data dir's transcripts came from and this shell's own.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintAccount } from '../ledger/vocabulary/index.js';
import { readLoginNames } from './read-login-names.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'login-names-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const signIn = (file: string, email: string, organization: string): void =>
  writeFileSync(file, JSON.stringify({ projects: {}, oauthAccount: { emailAddress: email, organizationUuid: organization } }));

describe('readLoginNames', () => {
  it("names the ingested config dirs' logins and the home login, by account", () => {
    const [home, second, data] = [join(root, 'home'), join(root, 'second'), join(root, 'data')];
    for (const dir of [join(home, '.claude'), second, join(data, 'state', '_ingest')]) mkdirSync(dir, { recursive: true });
    signIn(join(home, '.claude.json'), 'max@example.com', 'org-first-000001');
    signIn(join(second, '.claude.json'), 'pro@example.com', 'org-second-00002');
    // `tracker ingest claude-transcripts --claude-dir <second>` keeps its marks under <second>/projects.
    writeFileSync(join(data, 'state', '_ingest', 'claude-transcript.json'), JSON.stringify({ [join(second, 'projects')]: {} }));
    const names = readLoginNames(data, { HOME: home });
    expect(Object.fromEntries(names)).toEqual({
      [fingerprintAccount('organization', 'org-second-00002')]: { name: 'pro@example.com', from: second },
      [fingerprintAccount('organization', 'org-first-000001')]: { name: 'max@example.com', from: join(home, '.claude') },
    });
  });
});
