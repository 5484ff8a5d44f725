// Which Claude account a Claude Code config dir is signed in to, named as the proxy names it (loads one small file).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { readBoundedFile } from '../../ledger/store/index.js';
import { fingerprintAccount } from '../../ledger/vocabulary/index.js';

/** ~/.claude.json holds every project's history too: a few megabytes on a busy machine. */
const CLAUDE_JSON = { maxBytes: 16 * 1024 * 1024, what: "Claude Code's state file" };

/**
 * Claude Code keeps its login's account in `.claude.json` (`oauthAccount: {accountUuid, emailAddress,
 * organizationUuid, ...}`): in $CLAUDE_CONFIG_DIR when set (a second login's own dir), else in the home folder. Its
 * `organizationUuid` is the organization Anthropic's answers name in `anthropic-organization-id`, so a status line's
 * reading and the proxy's rows of one login get one account (fingerprintAccount). The field is found by its text
 * rather than by parsing the whole file on every prompt; a login by API key (no oauthAccount) names none. Null when
 * the file is missing, unreadable or names no organization: never an error, the status line must print.
 */
export function readClaudeAccount(env: NodeJS.ProcessEnv): string | null {
  return readClaudeAccountFile(join(env.CLAUDE_CONFIG_DIR || env.HOME || homedir(), '.claude.json'));
}

/**
 * The account of the login whose transcripts sit in `configDir` (a `projects/` parent): its own `.claude.json` (a
 * `CLAUDE_CONFIG_DIR`'s), else, for the default folders (`~/.claude`, `~/.config/claude`), the home folder's, where
 * Claude Code keeps it then. Null when neither names an organization.
 */
export function readConfigDirAccount(configDir: string, home: string = homedir()): string | null {
  const own = readClaudeAccountFile(join(configDir, '.claude.json'));
  if (own !== null) return own;
  const dir = resolve(configDir);
  const defaults = [join(home, '.claude'), join(home, '.config', 'claude')].map((path) => resolve(path));
  return defaults.includes(dir) ? readClaudeAccountFile(join(home, '.claude.json')) : null;
}

function readClaudeAccountFile(file: string): string | null {
  try {
    const text = readBoundedFile(file, CLAUDE_JSON);
    const account = text?.indexOf('"oauthAccount"') ?? -1;
    if (text == null || account === -1) return null;
    const organization = /"organizationUuid"\s*:\s*"([0-9A-Za-z_-]{8,64})"/.exec(text.slice(account, account + 4096))?.[1];
    return organization ? fingerprintAccount('organization', organization) : null;
  } catch {
    return null;
  }
}
