// Reads a pasted Claude Code /usage screen into a Reading: session, weekly and Sonnet-only bars.
import type { Bar, Bars } from '../../ledger/schemas/index.js';
import { describeThrown, splitScreenLines, type ScreenLine } from './clean-screen-text.js';
import { ReadingSchema, fail, succeed, type ParseContext, type ParseIssue, type ParseResult, type Reading } from './reading.js';
import { resolveResetTime } from './resolve-reset-time.js';

const FORMAT = 'claude-usage';
/** A section title, with whatever shares its line ("Current session · Resets 9pm", "…: 23% used"). */
const SECTION = /^(current\s+session|current\s+week|current\s+month|extra\s+usage)\b\s*(\([^)]*\)?)?\s*[:·•-]?\s*(.*)$/i;
/** The lookbehind keeps a long run of digits from being rescanned at every position. */
const PERCENT = /(?<![\d.])(\d+(?:\.\d+)?)\s*%\s*(used|left)\b/i;
const RESETS = /\bresets\s+(.+)$/i;
const LOAD_ERROR = /failed to load usage data/i;
const DISMISSED = /status dialog dismissed/i;
const WINDOW_MINUTES = { five_hour: 300, weekly: 10080, weekly_sonnet: 10080 } as const;
const TITLES = { five_hour: 'Current session', weekly: 'Current week (all models)', weekly_sonnet: 'Current week (Sonnet only)' };

type BarKey = keyof typeof WINDOW_MINUTES;

interface Section {
  key: BarKey;
  line: number;
  percent?: { used: number; line: number; shown: string };
  reset?: { text: string; line: number };
}

/** Parses Claude Code `/usage` text; unknown sections (Opus, Extra usage, …) are skipped, not refused. */
export function parseClaudeUsage(text: string, ctx: ParseContext): ParseResult<Reading> {
  try {
    return readUsage(splitScreenLines(text), ctx);
  } catch (error) {
    return fail(`could not read the Claude /usage screen (${describeThrown(error)})`);
  }
}

function readUsage(lines: ScreenLine[], ctx: ParseContext): ParseResult<Reading> {
  let sections = new Map<BarKey, Section>();
  let current: Section | null = null;
  const parseErrors: string[] = [];

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line) continue;
    let content = line.text;
    const title = SECTION.exec(content);
    if (title) {
      const key = classify(title[1] ?? '', title[2]);
      if (key && sections.has(key)) {
        sections = new Map(); // the same section again: a second screen was pasted; keep the last one
        if (!parseErrors.includes('multi-pane-trimmed')) parseErrors.push('multi-pane-trimmed');
      }
      current = key ? { key, line: line.line } : null;
      if (current) sections.set(current.key, current);
      content = title[3] ?? '';
    } else if (LOAD_ERROR.test(content) && sections.size === 0) {
      return fail(`Claude /usage could not load usage data ("${content.trim()}")`, line.line);
    }
    if (current) readContent(current, content, line.line, lines.slice(i + 1, i + 3));
  }

  if (sections.size === 0) {
    const dismissed = lines.some((l) => DISMISSED.test(l.text));
    return fail(
      dismissed
        ? 'the /usage dialog was dismissed before it showed any usage'
        : "expected a 'Current session' or 'Current week (all models)' section",
    );
  }
  const bars: Bars = {};
  const issues: ParseIssue[] = [];
  for (const section of sections.values()) {
    const bar = toBar(section, ctx, issues);
    if (bar) bars[section.key] = bar;
  }
  if (issues.length > 0) return { ok: false, issues };
  const checked = ReadingSchema.safeParse({ format: FORMAT, bars, parse_errors: parseErrors });
  if (!checked.success) return fail(`the Claude reading is invalid: ${checked.error.issues[0]?.message ?? 'unknown error'}`);
  return succeed(checked.data);
}

/** Which bar a section title feeds; null for sections the ledger does not track. */
function classify(name: string, qualifier: string | undefined): BarKey | null {
  const kind = name.toLowerCase().replace(/\s+/g, ' ');
  if (kind === 'current session') return 'five_hour';
  if (kind !== 'current week') return null;
  if (!qualifier || /all\s+models/i.test(qualifier)) return 'weekly';
  return /^\(\s*sonnet(\s+only)?\s*\)?$/i.test(qualifier) ? 'weekly_sonnet' : null;
}

/** Picks the first "NN% used|left" and the first "Resets …" of a section, joining a reset wrapped over lines. */
function readContent(section: Section, content: string, line: number, following: ScreenLine[]): void {
  const percent = section.percent ? null : PERCENT.exec(content);
  if (percent) {
    const value = Number(percent[1]);
    const used = (percent[2] ?? '').toLowerCase() === 'used' ? value : Math.round((100 - value) * 1000) / 1000;
    section.percent = { used, line, shown: percent[0] };
  }
  const reset = section.reset ? null : RESETS.exec(content);
  if (!reset) return;
  let text = (reset[1] ?? '').trim();
  for (const next of following) {
    const more = next.text.trim();
    if (more === '' || SECTION.test(more) || PERCENT.test(more) || text.endsWith(')')) break;
    const zoneOnItsOwn = more.startsWith('(');
    const restOfDate = /(?:[a-z]{3}\.?|,)$/i.test(text.slice(-5)) && /^\d/.test(more);
    if (!zoneOnItsOwn && !restOfDate) break;
    text = `${text} ${more}`;
  }
  section.reset = { text, line };
}

function toBar(section: Section, ctx: ParseContext, issues: ParseIssue[]): Bar | null {
  const title = TITLES[section.key];
  const percent = section.percent;
  if (!percent) {
    issues.push({ message: `${title}: no "NN% used" figure found in this section`, line: section.line });
    return null;
  }
  if (percent.used < 0 || percent.used > 100) {
    issues.push({ message: `${title}: "${percent.shown}" is outside 0..100%`, line: percent.line });
    return null;
  }
  const bar: Bar = { used_pct: percent.used, resets_at: null, window_minutes: WINDOW_MINUTES[section.key] };
  if (section.reset) {
    const reset = section.reset;
    bar.resets_text = reset.text;
    const resolved = resolveResetTime(reset.text, ctx);
    if (resolved.ok) bar.resets_at = resolved.value;
    else issues.push(...resolved.issues.map((issue) => ({ message: `${title}: ${issue.message}`, line: reset.line })));
  }
  return bar;
}
