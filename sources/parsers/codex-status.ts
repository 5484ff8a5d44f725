// Reads a pasted Codex CLI /status box into a Reading: the account's 5h and weekly bars as percent used.
import type { Bar, Bars } from '../../ledger/schemas/index.js';
import { describeThrown, splitScreenLines, type ScreenLine } from './clean-screen-text.js';
import { ReadingSchema, fail, succeed, type ParseContext, type ParseIssue, type ParseResult, type Reading } from './reading.js';
import { resolveResetTime } from './resolve-reset-time.js';

const FORMAT = 'codex-status';
const EXPECTED_ROW = "expected a '5h limit:' or 'Weekly limit:' row";
/** "5h limit:  [████░░] 72% left (resets 14:32)"; the rest may wrap onto the next line. */
const LIMIT_ROW = /^(5h|weekly|monthly)\s+limit:\s*(.*)$/i;
/** "Limits: refresh requested; run /status again shortly." and similar placeholders. */
const LIMITS_NOTE = /^limits:\s*(.*)$/i;
const STALE_WARNING = /^warning:.*\bstale\b/i;
const PANE_HEADER = /OpenAI Codex\b/;
const BAR = /^\[[^\]]*(?:\]|$)/;
/** The lookbehind keeps a long run of digits from being rescanned at every position. */
const PERCENT = /(?<![\d.])(-?\d+(?:\.\d+)?)\s*%\s*([a-z]*)/i;
/** Codex shows resets without a zone, so the text runs to the closing parenthesis or the row's end. */
const RESETS = /\bresets\s+([^()]*)/i;
const WINDOW_MINUTES = { five_hour: 300, weekly: 10080 } as const;

type BarKey = keyof typeof WINDOW_MINUTES;

/** Parses Codex `/status` text; with several panes pasted, only the last is read (`multi-pane-trimmed`). */
export function parseCodexStatus(text: string, ctx: ParseContext): ParseResult<Reading> {
  try {
    return readStatus(text, ctx);
  } catch (error) {
    return fail(`could not read the Codex /status screen (${describeThrown(error)})`);
  }
}

function readStatus(text: string, ctx: ParseContext): ParseResult<Reading> {
  const panes = splitPanes(splitScreenLines(text)).filter(isStatusPane);
  const pane = panes[panes.length - 1];
  if (!pane) return fail(EXPECTED_ROW);
  const parseErrors = panes.length > 1 ? ['multi-pane-trimmed'] : [];
  const bars: Bars = {};
  const issues: ParseIssue[] = [];
  let inModelBlock = false;
  let modelRows = 0;
  let monthlyRows = 0;
  let note: ScreenLine | undefined;

  for (let i = 0; i < pane.length; i += 1) {
    const current = pane[i];
    if (!current) continue;
    const row = LIMIT_ROW.exec(current.text);
    if (!row) {
      if (isModelHeader(current.text)) inModelBlock = true;
      else if (LIMITS_NOTE.test(current.text)) note = current;
      else if (STALE_WARNING.test(current.text)) parseErrors.push('limits-may-be-stale');
      continue;
    }
    const kind = (row[1] ?? '').toLowerCase();
    if (inModelBlock) modelRows += 1;
    else if (kind === 'monthly') monthlyRows += 1;
    if (inModelBlock || kind === 'monthly') continue;
    let rest = row[2] ?? '';
    for (let next = pane[i + 1]; next && !/resets/i.test(rest) && /^\(?\s*resets\b/i.test(next.text); next = pane[i + 1]) {
      rest = `${rest} ${next.text}`; // a narrow terminal wraps "(resets …)" onto its own line
      i += 1;
    }
    const key: BarKey = kind === '5h' ? 'five_hour' : 'weekly';
    const bar = readBar(key, rest, current.line, ctx, issues);
    if (bar) bars[key] = bar;
  }

  if (issues.length > 0) return { ok: false, issues };
  if (!bars.five_hour && !bars.weekly) {
    if (note) {
      const shown = LIMITS_NOTE.exec(note.text)?.[1] ?? '';
      return fail(`Codex /status shows no usage limits yet ("Limits: ${shown}"); run /status again after a message`, note.line);
    }
    if (monthlyRows > 0) return fail(`${EXPECTED_ROW} (a 'Monthly limit:' row is not tracked)`);
    return fail(modelRows > 0 ? `${EXPECTED_ROW} for the account (only per-model limits were found)` : EXPECTED_ROW);
  }
  const checked = ReadingSchema.safeParse({ format: FORMAT, bars, parse_errors: parseErrors });
  if (!checked.success) return fail(`the Codex reading is invalid: ${checked.error.issues[0]?.message ?? 'unknown error'}`);
  return succeed(checked.data);
}

/** Splits the screen where a new box or header starts, or where the account's rows start again. */
function splitPanes(lines: ScreenLine[]): ScreenLine[][] {
  const boxed = lines.some((l) => l.raw.includes('╭'));
  const panes: ScreenLine[][] = [];
  let current: ScreenLine[] = [];
  let seen = new Set<string>();
  let inModelBlock = false;
  const startPane = () => {
    if (current.length > 0) panes.push(current);
    current = [];
    seen = new Set();
    inModelBlock = false;
  };
  for (const line of lines) {
    const row = LIMIT_ROW.exec(line.text);
    if (boxed ? line.raw.includes('╭') : PANE_HEADER.test(line.text)) startPane();
    else if (!row && isModelHeader(line.text)) inModelBlock = true;
    else if (row && !inModelBlock) {
      const kind = (row[1] ?? '').toLowerCase();
      if (seen.has(kind)) startPane();
      seen.add(kind);
    }
    current.push(line);
  }
  startPane();
  return panes;
}

/** "GPT-5.3-Codex-Spark limit:" on its own: the rows after it belong to one model, not to the account. */
function isModelHeader(text: string): boolean {
  return /\slimit:$/i.test(text) && !LIMIT_ROW.test(text);
}

function isStatusPane(pane: ScreenLine[]): boolean {
  return pane.some((l) => LIMIT_ROW.test(l.text) || LIMITS_NOTE.test(l.text));
}

function readBar(key: BarKey, rest: string, line: number, ctx: ParseContext, issues: ParseIssue[]): Bar | null {
  const label = key === 'five_hour' ? '5h limit' : 'Weekly limit';
  const afterBar = rest.trim().replace(BAR, '');
  const percent = PERCENT.exec(afterBar);
  if (!percent) {
    issues.push({ message: `${label}: no percentage on this row (was the terminal too narrow?)`, line });
    return null;
  }
  const value = Number(percent[1]);
  const unit = (percent[2] ?? '').toLowerCase();
  const direction = unit && 'used'.startsWith(unit) ? 'used' : unit && ('left'.startsWith(unit) || unit === 'remaining') ? 'left' : null;
  if (!direction) {
    issues.push({ message: `${label}: "${percent[0].trim()}" says neither "used" nor "left"`, line });
    return null;
  }
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    issues.push({ message: `${label}: ${percent[1]}% ${direction} is outside 0..100%`, line });
    return null;
  }
  const used = direction === 'used' ? value : Math.round((100 - value) * 1000) / 1000;
  const bar: Bar = { used_pct: used, resets_at: null, window_minutes: WINDOW_MINUTES[key] };
  const reset = RESETS.exec(afterBar.slice(percent.index + percent[0].length));
  const resetText = reset?.[1]?.trim();
  if (resetText) {
    bar.resets_text = resetText;
    const resolved = resolveResetTime(resetText, ctx);
    if (resolved.ok) bar.resets_at = resolved.value;
    else issues.push(...resolved.issues.map((issue) => ({ message: `${label}: ${issue.message}`, line })));
  }
  return bar;
}
