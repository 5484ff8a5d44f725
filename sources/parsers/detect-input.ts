// Picks the parser for a pasted capacity reading (Codex /status, Claude /usage or JSON) and refuses junk early.
import { parseClaudeUsage } from './claude-usage.js';
import { describeThrown, quoteForMessage, stripAnsi, stripTerminalCodes } from './clean-screen-text.js';
import { parseCodexStatus } from './codex-status.js';
import { parsePlainJson } from './plain-json.js';
import { fail, type ParseContext, type ParseResult, type Reading } from './reading.js';

export const INPUT_FORMATS = ['auto', 'codex-status', 'claude-usage', 'json'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export type DetectedFormat = Exclude<InputFormat, 'auto'>;

/** Far above any real screen or reading; protects the parsers from a mistaken multi-megabyte paste. */
export const MAX_INPUT_CHARS = 2_000_000;
/** Share of control or replacement characters above which text is treated as binary. */
const MAX_UNPRINTABLE_SHARE = 0.1;
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;
const CODEX_MARKERS = /\b(?:5h|weekly)\s+limit:|OpenAI Codex\b/i;
const CLAUDE_MARKERS = /\bcurrent\s+(?:session|week)\b|failed to load usage data|status dialog dismissed/i;

const PARSERS: Record<DetectedFormat, (text: string, ctx: ParseContext) => ParseResult<Reading>> = {
  'codex-status': parseCodexStatus,
  'claude-usage': parseClaudeUsage,
  json: parsePlainJson,
};

/** Parses a capacity reading, detecting its format unless one is given. Never throws. */
export function parseCapacityInput(text: string, ctx: ParseContext, format: InputFormat = 'auto'): ParseResult<Reading> {
  try {
    if (typeof text !== 'string') return fail('input is not text');
    if (!(INPUT_FORMATS as readonly string[]).includes(format)) {
      return fail(`unknown input format ${quoteForMessage(format)} (expected ${INPUT_FORMATS.join(', ')})`);
    }
    const refusal = refuseUnreadable(text);
    if (refusal) return refusal;
    const clean = stripTerminalCodes(text);
    const chosen = format === 'auto' ? detectInputFormat(clean) : format;
    if (!chosen) {
      const firstLine =
        clean
          .split('\n')
          .find((line) => line.trim() !== '')
          ?.trim() ?? '';
      return fail(`input is not a Codex /status, Claude /usage or JSON reading (it starts with ${quoteForMessage(firstLine)})`, 1);
    }
    return PARSERS[chosen](clean, ctx);
  } catch (error) {
    return fail(`could not read the input (${describeThrown(error)})`);
  }
}

/** The format `text` looks like, or null. Expects text already cleaned of terminal codes. */
export function detectInputFormat(text: string): DetectedFormat | null {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) return 'json';
  if (CODEX_MARKERS.test(text)) return 'codex-status';
  if (CLAUDE_MARKERS.test(text)) return 'claude-usage';
  return null;
}

/** Refuses input that is too large, empty, or binary, before any parser sees it. */
function refuseUnreadable(text: string): ParseResult<Reading> | null {
  if (text.length > MAX_INPUT_CHARS) {
    return fail(`input is too large (${text.length} characters; a pasted screen is at most a few thousand)`);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return fail(`input looks binary (NUL byte at offset ${nul})`);
  const clean = stripTerminalCodes(text);
  const withoutEscapes = stripAnsi(text);
  const unprintable = withoutEscapes.length - withoutEscapes.replace(UNPRINTABLE, '').length;
  const visible = clean.replace(/\s/g, '').length;
  if (unprintable > 0 && unprintable / (visible + unprintable) > MAX_UNPRINTABLE_SHARE) {
    return fail(`input looks binary (${unprintable} of ${withoutEscapes.length} characters are not printable)`);
  }
  return visible === 0 ? fail('input is empty') : null;
}
