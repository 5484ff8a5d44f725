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
  return readClaudeLoginFile(join(env.CLAUDE_CONFIG_DIR || env.HOME || homedir(), '.claude.json'))?.account ?? null;
}

/** A login as `tracker plans` and `tracker calibrate` name it: its account, and the e-mail address it signed in with. */
export interface ClaudeLogin {
  account: string;
  /** `oauthAccount.emailAddress`, where the file says it: read when asked, never written to the ledger. */
  email: string | null;
}

/**
 * The account of the login whose transcripts sit in `configDir` (a `projects/` parent): its own `.claude.json` (a
 * `CLAUDE_CONFIG_DIR`'s), else, for the default folders (`~/.claude`, `~/.config/claude`), the home folder's, where
 * Claude Code keeps it then. Null when neither names an organization.
 */
export function readConfigDirAccount(configDir: string, home: string = homedir()): string | null {
  return readConfigDirLogin(configDir, home)?.account ?? null;
}

/** The login of a config dir (as readConfigDirAccount finds it), with its e-mail address; null when none is named. */
export function readConfigDirLogin(configDir: string, home: string = homedir()): ClaudeLogin | null {
  const own = readClaudeLoginFile(join(configDir, '.claude.json'));
  if (own !== null) return own;
  const dir = resolve(configDir);
  const defaults = [join(home, '.claude'), join(home, '.config', 'claude')].map((path) => resolve(path));
  return defaults.includes(dir) ? readClaudeLoginFile(join(home, '.claude.json')) : null;
}

function readClaudeLoginFile(file: string): ClaudeLogin | null {
  try {
    const text = readBoundedFile(file, CLAUDE_JSON);
    const at = text?.indexOf('"oauthAccount"') ?? -1;
    if (text == null || at === -1) return null;
    const block = text.slice(at, at + 4096);
    const organization = /"organizationUuid"\s*:\s*"([0-9A-Za-z_-]{8,64})"/.exec(block)?.[1];
    if (!organization) return null;
    // An address as it is written (no escapes, no control characters): shown on a terminal, so nothing else.
    const email = /"emailAddress"\s*:\s*"([^"\\\u0000-\u001f\u007f]{3,254})"/.exec(block)?.[1] ?? null;
    return { account: fingerprintAccount('organization', organization), email };
  } catch {
    return null;
  }
}
