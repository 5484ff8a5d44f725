// A deliberately small TOML reader for tests: [tables], key = "basic string" | true | false | { inline table of strings }.

export type TomlValue = string | boolean | { [key: string]: TomlValue };
export type TomlTable = { [key: string]: TomlValue };

const SHORT: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/** Reads the document the codex driver writes; throws on anything outside the subset or not valid TOML there. */
export function parseTomlSubset(text: string): TomlTable {
  const root: TomlTable = {};
  let table = root;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const match = /^\[([A-Za-z0-9_.-]+)\]$/.exec(line);
      if (!match?.[1]) throw new Error(`bad table header: ${line}`);
      table = root;
      for (const part of match[1].split('.')) table = (table[part] ??= {}) as TomlTable;
      continue;
    }
    const cursor = { text: line, at: 0 };
    const key = readKey(cursor);
    expect(cursor, '=');
    table[key] = readValue(cursor);
    skipSpace(cursor);
    if (cursor.at !== cursor.text.length) throw new Error(`trailing text: ${cursor.text.slice(cursor.at)}`);
  }
  return root;
}

interface Cursor {
  text: string;
  at: number;
}

function skipSpace(cursor: Cursor): void {
  while (cursor.text[cursor.at] === ' ' || cursor.text[cursor.at] === '\t') cursor.at += 1;
}

function expect(cursor: Cursor, char: string): void {
  skipSpace(cursor);
  if (cursor.text[cursor.at] !== char) throw new Error(`expected ${char} at ${cursor.at} in ${cursor.text}`);
  cursor.at += 1;
}

function readKey(cursor: Cursor): string {
  skipSpace(cursor);
  if (cursor.text[cursor.at] === '"') return readBasicString(cursor);
  const match = /^[A-Za-z0-9_-]+/.exec(cursor.text.slice(cursor.at));
  if (!match) throw new Error(`expected a key at ${cursor.at} in ${cursor.text}`);
  cursor.at += match[0].length;
  return match[0];
}

function readValue(cursor: Cursor): TomlValue {
  skipSpace(cursor);
  const rest = cursor.text.slice(cursor.at);
  if (rest.startsWith('"')) return readBasicString(cursor);
  if (rest.startsWith('true') || rest.startsWith('false')) {
    cursor.at += rest.startsWith('true') ? 4 : 5;
    return rest.startsWith('true');
  }
  if (!rest.startsWith('{')) throw new Error(`unsupported value: ${rest}`);
  cursor.at += 1;
  const inline: TomlTable = {};
  skipSpace(cursor);
  if (cursor.text[cursor.at] === '}') {
    cursor.at += 1;
    return inline;
  }
  for (;;) {
    const key = readKey(cursor);
    expect(cursor, '=');
    inline[key] = readValue(cursor);
    skipSpace(cursor);
    const next = cursor.text[cursor.at];
    cursor.at += 1;
    if (next === '}') return inline;
    if (next !== ',') throw new Error(`expected , or } in ${cursor.text}`);
  }
}

/** A basic string: raw control characters other than tab are invalid TOML, so they fail here too. */
export function readBasicString(cursor: Cursor): string {
  if (cursor.text[cursor.at] !== '"') throw new Error('expected "');
  cursor.at += 1;
  let out = '';
  for (;;) {
    const char = cursor.text[cursor.at];
    if (char === undefined) throw new Error('unterminated string');
    cursor.at += 1;
    if (char === '"') return out;
    const code = char.charCodeAt(0);
    if ((code < 0x20 && char !== '\t') || code === 0x7f) throw new Error(`raw control character ${code} in a basic string`);
    if (char !== '\\') {
      out += char;
      continue;
    }
    const escape = cursor.text[cursor.at] ?? '';
    cursor.at += 1;
    const short = SHORT[escape];
    if (short !== undefined) out += short;
    else if (escape === 'u' || escape === 'U') {
      const length = escape === 'u' ? 4 : 8;
      const hex = cursor.text.slice(cursor.at, cursor.at + length);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) throw new Error(`bad \\${escape} escape`);
      out += String.fromCodePoint(parseInt(hex, 16));
      cursor.at += length;
    } else throw new Error(`bad escape \\${escape}`);
  }
}
