// Checks the attribution headers before a driver puts them in an env variable or a config file.
import { AppError } from '../../kernel/index.js';

/** RFC 9110 token characters: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** CR, LF and NUL would split or cut a header line (and ANTHROPIC_CUSTOM_HEADERS is one line per header). */
const LINE_BREAKING = /[\r\n\0]/;

/** Returns the headers as [name, value] pairs in a stable order (by name), or throws on a name or value that cannot be sent. */
export function checkHeaders(headers: Record<string, string>): Array<[string, string]> {
  const pairs = Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of pairs) {
    if (!HEADER_NAME.test(name)) {
      throw new AppError('BAD_INPUT', `expected a header name of letters, digits and !#$%&'*+.^_\`|~- only, got ${JSON.stringify(name)}`, {
        where: 'attribution headers',
      });
    }
    if (typeof value !== 'string' || LINE_BREAKING.test(value)) {
      throw new AppError('BAD_INPUT', `expected a one-line value for header ${name} (no CR, LF or NUL), got ${JSON.stringify(value)}`, {
        where: 'attribution headers',
      });
    }
  }
  return pairs;
}

/** The headers as Claude Code's ANTHROPIC_CUSTOM_HEADERS wants them: `Name: value` lines joined by "\n". */
export function formatHeaderLines(headers: Record<string, string>): string {
  return checkHeaders(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

/**
 * The headers as Gemini CLI's GEMINI_CLI_CUSTOM_HEADERS wants them: `Name: value` joined by ", ". Gemini CLI 0.61.0
 * splits the variable at each comma followed by `name:` (parseCustomHeaders), so a value with a comma is refused.
 */
export function formatHeaderList(headers: Record<string, string>): string {
  const pairs = checkHeaders(headers);
  for (const [name, value] of pairs)
    if (value.includes(','))
      throw new AppError(
        'BAD_INPUT',
        `expected a value without "," for header ${name} (Gemini CLI splits its headers at commas), got ${JSON.stringify(value)}`,
        {
          where: 'attribution headers',
        },
      );
  return pairs.map(([name, value]) => `${name}: ${value}`).join(', ');
}
