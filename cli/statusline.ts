// `tracker statusline`: Claude Code's statusLine command. Records rate limits when they change, prints one line, never fails.
import { parseArgs } from 'node:util';
import { escapeControls, resolvePackagePath } from '../kernel/index.js';
import { quoteForShell } from './commands/shell-hints.js';
import { recordReadingIfChanged } from '../ledger/readings/index.js';
import { keepReject, resolveDataDir } from '../ledger/store/index.js';
import { findScreenProvider } from '../ledger/vocabulary/index.js';
import { reckonHeadroom } from '../reports/headroom/index.js';
import { describeFailover, renderStatusline } from '../reports/statusline/index.js';
import { readFailoverState } from '../ledger/state/failover-state.js';
import { readHeadroomBasis } from './headroom-basis-file.js';
import { parseClaudeStatusline } from '../sources/parsers/statusline/index.js';
import { readClaudeAccount } from '../sources/logins/index.js';

// Only light modules above: this runs on every prompt, and its start-up is the budget (see npm run bench).
const AGENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FALLBACK = 'agent-tracker: statusline input not understood';
/** Claude Code's statusLine hook: its readings are the provider's whose screen this format is. */
const STATUSLINE_FORMAT = 'claude-statusline';

/** The help, with the settings.json line for this very install: Claude Code runs it after every message, from any directory. */
export function describeStatuslineHelp(): string {
  return `Usage: tracker statusline [--data-dir DIR] [--agent ID]

Claude Code statusLine command: reads the JSON Claude Code pipes in, records rate_limits.five_hour and
seven_day when they change (rows of kind "reading", source automation), and prints one line:
model, 5h %, time to reset, weekly %. Always exits 0: bad input prints a short fallback line and is
kept under rejects/. Wire it in ~/.claude/settings.json with this install's bin (not npx, which costs
about half a second of CPU each time and finds the bin only inside this package's directory):
  "statusLine": { "type": "command", "command": ${JSON.stringify(describeStatuslineCommand())} }
`;
}

/** `node /abs/dist/cli/tracker.js statusline`, the path quoted for the shell Claude Code runs it in when it needs it. */
export function describeStatuslineCommand(): string {
  return `node ${quoteForShell(resolvePackagePath('dist/cli/tracker.js'))} statusline`;
}

function ignoreError(): void {}

/** Never throws and never sets a failing exit code: a broken status line must not break the prompt. */
export async function runStatusline(argv: string[]): Promise<void> {
  // A reader that went away (EPIPE) is no reason to fail: the line was for it.
  if (!process.stdout.listeners('error').includes(ignoreError)) process.stdout.on('error', ignoreError);
  let line: string | null = FALLBACK;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, agent: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: false,
    });
    if (values.help) {
      process.stdout.write(describeStatuslineHelp());
      line = null;
      return;
    }
    const dataDir = resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined);
    const requested = typeof values.agent === 'string' ? values.agent : process.env.AGENT_ID || 'main';
    const ctx = { agentId: AGENT_ID.test(requested) ? requested : 'main', source: 'automation' as const };
    const raw = await readStdin();
    const parsed = parseClaudeStatusline(raw.toString('utf8'));
    if (!parsed.ok) {
      keepQuietly(() =>
        keepReject(dataDir, {
          command: 'statusline',
          reason: `stdin: ${parsed.issues[0]?.message ?? 'unreadable'}`,
          agentId: ctx.agentId,
          input: raw,
        }),
      );
      return;
    }
    const now = new Date();
    const provider = findScreenProvider(STATUSLINE_FORMAT) ?? STATUSLINE_FORMAT;
    const hasBars = Boolean(parsed.value.bars.five_hour || parsed.value.bars.weekly);
    // Claude Code runs this with its own environment: a second login's CLAUDE_CONFIG_DIR names its account.
    const account = hasBars ? readClaudeAccount(process.env) : null;
    // Its own login's basis (tracker plans keeps each login's apart), never another login's.
    const basis = hasBars ? readHeadroomBasis(dataDir, ctx.agentId, { provider, account }, now.getTime()) : null;
    const headroom = basis === null ? null : reckonHeadroom(basis, parsed.value.bars);
    // The proxy's failover chain, when one runs on this data dir: where work is while the plan's window is spent.
    const failover = describeFailover(readFailoverState(dataDir), now);
    line = renderStatusline({ model: parsed.value.model, bars: parsed.value.bars, now, headroom, failover });
    if (hasBars) {
      const reading = {
        provider,
        format: STATUSLINE_FORMAT,
        capturedAt: now,
        bars: parsed.value.bars,
        sessionId: parsed.value.sessionId,
        model: parsed.value.model,
        account,
      };
      keepQuietly(() => recordReadingIfChanged(dataDir, ctx, reading));
    }
  } catch {
    // Whatever went wrong, the user still gets a line and a zero exit.
  } finally {
    // The last guard of what reaches the terminal: the model name and anything else from outside, controls and bidi
    // overrides (U+202E reversed the rest of the line) shown as escapes, never obeyed.
    if (line !== null) process.stdout.write(`${escapeControls(line)}\n`);
  }
}

/** Claude Code's payload is a few kilobytes; past a megabyte it is not one, and reading on would cost memory. */
const MAX_STDIN_BYTES = 1 << 20;
/**
 * Claude Code writes its payload at once and closes stdin; a caller that leaves stdin open (or trickles bytes) must
 * still get its line: reading stops at the first whole JSON object, at end of input, or after this long, whichever
 * comes first.
 */
const STDIN_WAIT_MS = 1000;

function readStdin(): Promise<Buffer> {
  if (process.stdin.isTTY) return Promise.resolve(Buffer.alloc(0));
  const stdin = process.stdin;
  const chunks: Buffer[] = [];
  let total = 0;
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      stdin.off('data', take).off('end', finish).off('error', finish);
      // Destroyed, not paused: an open pipe would otherwise keep the process alive after the line.
      stdin.destroy();
      resolve(Buffer.concat(chunks).subarray(0, MAX_STDIN_BYTES + 1));
    };
    const take = (chunk: Buffer): void => {
      chunks.push(chunk);
      total += chunk.length;
      if (total > MAX_STDIN_BYTES || endsWholeObject(chunks)) finish();
    };
    const timer = setTimeout(finish, STDIN_WAIT_MS);
    stdin.on('data', take).on('end', finish).on('error', finish);
  });
}

/** True when what arrived so far is one whole JSON object (the payload), so an open stdin need not be waited on. */
function endsWholeObject(chunks: readonly Buffer[]): boolean {
  if (findLastByte(chunks) !== CLOSING_BRACE) return false;
  try {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

const CLOSING_BRACE = 0x7d;
const BLANKS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The last byte that is not JSON whitespace, across chunks; null when there is none. */
function findLastByte(chunks: readonly Buffer[]): number | null {
  for (let i = chunks.length - 1; i >= 0; i -= 1) {
    const chunk = chunks[i] as Buffer;
    for (let j = chunk.length - 1; j >= 0; j -= 1) if (!BLANKS.has(chunk[j] as number)) return chunk[j] as number;
  }
  return null;
}

/** Recording is best effort here: a full disk or a read-only data dir must not cost the user their prompt line. */
function keepQuietly(action: () => unknown): void {
  try {
    action();
  } catch {
    // the line is printed regardless
  }
}
