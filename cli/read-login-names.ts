// The readable name of each Claude login a data dir's rows can name: the e-mail its config dir's .claude.json signed in with.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AccountNames } from '../reports/index.js';
import { listIngestedClaudeDirs } from '../sources/index.js';
import { readConfigDirLogin } from '../sources/logins/index.js';

/**
 * The config dirs the transcripts were ingested from, and this shell's own (CLAUDE_CONFIG_DIR, else ~/.claude): each
 * login's account with the address it signed in with, read now from its `.claude.json` (nothing is kept). A dir whose
 * file names no organization or no address gives nothing; the first dir naming an account wins.
 */
export function readLoginNames(dataDir: string, env: NodeJS.ProcessEnv = process.env): AccountNames {
  const home = env.HOME || homedir();
  const dirs = [...listIngestedClaudeDirs(dataDir), env.CLAUDE_CONFIG_DIR || join(home, '.claude')].map((dir) => resolve(dir));
  const names = new Map<string, { name: string; from: string }>();
  for (const dir of new Set(dirs)) {
    const login = readConfigDirLogin(dir, home);
    if (login?.email && !names.has(login.account)) names.set(login.account, { name: login.email, from: dir });
  }
  return names;
}
