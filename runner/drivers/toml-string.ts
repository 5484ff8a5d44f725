// Writes TOML basic strings and keys, escaped so any value reads back as itself.
import { AppError } from '../../kernel/index.js';

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };

/** A TOML basic string ("…"): quote and backslash escaped, control characters as \b \t \n \f \r or \uXXXX. */
export function formatTomlString(value: string): string {
  if (/\p{Cs}/u.test(value))
    throw new AppError('BAD_INPUT', `expected text TOML can hold (valid Unicode), got a lone surrogate in ${JSON.stringify(value)}`, {
      where: 'codex config',
    });
  let out = '"';
  for (const char of value) {
    const short = SHORT_ESCAPES[char];
    const code = char.codePointAt(0) ?? 0;
    if (short !== undefined) out += short;
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

/** A TOML key: bare when it is only A-Z a-z 0-9 _ -, else a quoted basic string. */
export function formatTomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : formatTomlString(key);
}

/** An inline table of strings: { key = "value", … } in the given order. */
export function formatTomlInlineTable(pairs: Array<[string, string]>): string {
  if (pairs.length === 0) return '{}';
  return `{ ${pairs.map(([key, value]) => `${formatTomlKey(key)} = ${formatTomlString(value)}`).join(', ')} }`;
}
