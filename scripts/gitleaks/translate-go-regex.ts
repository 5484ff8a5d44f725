// Translates a Go (RE2) regular expression of gitleaks' rule set into a JavaScript one that matches the same text.
//
// RE2 and JavaScript agree on most of the syntax gitleaks uses; they differ on: inline flags in the middle of a pattern
// (`(?i)`, `(?i:...)`, `(?-i:...)`, `(?s:...)`: JavaScript on Node 20 has flags for the whole pattern only), POSIX
// classes (`[[:alnum:]]`), `\z` and `\A`, `(?P<name>...)`, a `]` first in a class (`[^]]`: literal in RE2, an
// any-character class in JavaScript) and a `{` that is no repetition. Case-insensitive parts are written out
// (`k` -> `[kK]`, `[a-f]` -> `[a-fA-F]`) unless the whole pattern is, which becomes the `i` flag.

interface State {
  caseless: boolean;
  dotAll: boolean;
}

export interface TranslatedRegex {
  source: string;
  flags: string;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  digit: '0-9',
  xdigit: '0-9a-fA-F',
  lower: 'a-z',
  upper: 'A-Z',
  space: String.raw`\t\n\v\f\r `,
  word: String.raw`\w`,
  punct: String.raw`!-\/:-@\[-\x60{-~`,
};

const isLetter = (char: string): boolean => /^[A-Za-z]$/.test(char);
const swapCase = (char: string): string => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase());

/** A class item as text a JavaScript class can hold: `]`, `\`, `^` and `-` escaped. */
function escapeClassChar(char: string): string {
  return /[\]\\^-]/.test(char) ? `\\${char}` : char;
}

/** The letters of the range `low-high` in the other case, as class items (`a-f` -> `A-F`). */
function foldRange(low: string, high: string): string {
  const folded: string[] = [];
  for (const [from, to] of [
    ['a', 'z'],
    ['A', 'Z'],
  ] as const) {
    const start = Math.max(low.charCodeAt(0), from.charCodeAt(0));
    const end = Math.min(high.charCodeAt(0), to.charCodeAt(0));
    if (start > end) continue;
    const a = swapCase(String.fromCharCode(start));
    const b = swapCase(String.fromCharCode(end));
    folded.push(a === b ? a : `${a}-${b}`);
  }
  return folded.join('');
}

class Translator {
  private at = 0;
  private readonly states: State[] = [];

  constructor(
    private readonly go: string,
    private state: State,
  ) {}

  translate(): string {
    let out = '';
    while (this.at < this.go.length) out += this.readToken();
    if (this.states.length > 0) throw new Error(`unclosed group in ${this.go}`);
    return out;
  }

  private readToken(): string {
    const char = this.go[this.at] as string;
    if (char === '\\') return this.readEscape();
    if (char === '[') return this.readClass();
    if (char === '(') return this.readGroupStart();
    if (char === ')') {
      this.at += 1;
      const outer = this.states.pop();
      if (!outer) throw new Error(`unbalanced ) in ${this.go}`);
      this.state = outer;
      return ')';
    }
    if (char === '{') return this.readBrace();
    this.at += 1;
    if (char === '}') return '\\}';
    if (char === '.') return this.state.dotAll ? String.raw`[\s\S]` : String.raw`[^\n]`;
    if (this.state.caseless && isLetter(char)) return `[${char}${swapCase(char)}]`;
    return char;
  }

  private readEscape(): string {
    const next = this.go[this.at + 1];
    if (next === undefined) throw new Error(`trailing \\ in ${this.go}`);
    this.at += 2;
    if (next === 'z') return '$';
    if (next === 'A') return '^';
    if (next === 'x') {
      const hex = this.go.slice(this.at, this.at + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new Error(`unsupported \\x escape in ${this.go}`);
      this.at += 2;
      return `\\x${hex}`;
    }
    if (/[pPQECk]/.test(next)) throw new Error(`unsupported escape \\${next} in ${this.go}`);
    return `\\${next}`;
  }

  /** `{n}`, `{n,}`, `{n,m}` repeat; any other `{` is a literal, as RE2 reads it. */
  private readBrace(): string {
    const repeat = /^\{\d+(?:,\d*)?\}\??/.exec(this.go.slice(this.at));
    if (repeat) {
      this.at += repeat[0].length;
      return repeat[0];
    }
    this.at += 1;
    return '\\{';
  }

  private readGroupStart(): string {
    const rest = this.go.slice(this.at);
    const flags = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
    if (flags) {
      this.at += flags[0].length;
      const [, on = '', off = '', end] = flags;
      if (/[^is]/.test(on + off)) throw new Error(`unsupported flags (?${on}-${off}) in ${this.go}`);
      const changed: State = {
        caseless: on.includes('i') ? true : off.includes('i') ? false : this.state.caseless,
        dotAll: on.includes('s') ? true : off.includes('s') ? false : this.state.dotAll,
      };
      // `(?i)` changes the rest of the group it stands in; `(?i:...)` opens a group of its own.
      if (end === ')') {
        this.state = changed;
        return '';
      }
      this.states.push(this.state);
      this.state = changed;
      return '(?:';
    }
    const named = /^\(\?P?<[A-Za-z_]\w*>/.exec(rest);
    this.states.push(this.state);
    if (named) {
      // Numbered, not named: a rule's secretGroup counts named groups too, and one name may repeat across branches.
      this.at += named[0].length;
      return '(';
    }
    if (rest.startsWith('(?')) throw new Error(`unsupported group ${rest.slice(0, 4)} in ${this.go}`);
    this.at += 1;
    return '(';
  }

  private readClass(): string {
    this.at += 1;
    let negated = false;
    if (this.go[this.at] === '^') {
      negated = true;
      this.at += 1;
    }
    let items = '';
    let folded = '';
    let first = true;
    while (this.at < this.go.length) {
      const char = this.go[this.at] as string;
      if (char === ']' && !first) break;
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.go.slice(this.at));
      if (posix) {
        const expansion = POSIX_CLASSES[posix[2] as string];
        if (!expansion || posix[1]) throw new Error(`unsupported class [:${posix[1]}${posix[2]}:] in ${this.go}`);
        items += expansion;
        this.at += posix[0].length;
        continue;
      }
      const low = this.readClassChar();
      if (this.go[this.at] === '-' && this.go[this.at + 1] !== ']' && this.at + 1 < this.go.length) {
        this.at += 1;
        const high = this.readClassChar();
        items += `${low.text}-${high.text}`;
        if (this.state.caseless && low.char && high.char) folded += foldRange(low.char, high.char);
        continue;
      }
      items += low.text;
      if (this.state.caseless && low.char && isLetter(low.char)) folded += swapCase(low.char);
    }
    if (this.go[this.at] !== ']') throw new Error(`unclosed class in ${this.go}`);
    this.at += 1;
    return `[${negated ? '^' : ''}${items}${folded}]`;
  }

  /** One class member: `text` as JavaScript writes it, `char` the character itself when it is one (not `\w`). */
  private readClassChar(): { text: string; char?: string } {
    const char = this.go[this.at] as string;
    if (char !== '\\') {
      this.at += 1;
      return { text: escapeClassChar(char), char };
    }
    const next = this.go[this.at + 1] as string;
    if (next === 'x') {
      const hex = this.go.slice(this.at + 2, this.at + 4);
      this.at += 4;
      return { text: `\\x${hex}`, char: String.fromCharCode(Number.parseInt(hex, 16)) };
    }
    this.at += 2;
    if (/[dDwWsS]/.test(next)) return { text: `\\${next}` };
    const controls: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
    if (next in controls) return { text: `\\${next}`, char: controls[next] as string };
    if (/[A-Za-z0-9]/.test(next)) throw new Error(`unsupported class escape \\${next} in ${this.go}`);
    return { text: escapeClassChar(next), char: next };
  }
}

/**
 * The JavaScript form of a Go regular expression (flags without `g`). A pattern that is case-insensitive as a whole
 * (`(?i)` first, no `(?-i` anywhere) gets the `i` flag; any other writes its case-insensitive parts out.
 */
export function translateGoRegex(go: string): TranslatedRegex {
  const wholeCaseless = go.startsWith('(?i)') && !go.includes('(?-i');
  const body = wholeCaseless ? go.slice(4) : go;
  const source = new Translator(body, { caseless: false, dotAll: false }).translate();
  const flags = wholeCaseless ? 'i' : '';
  new RegExp(source, flags); // Throws on a pattern JavaScript cannot read.
  return { source, flags };
}

/**
 * gitleaks' semi-generic rules open with `[\w.-]{0,50}?` (once, or twice with a `(?i:` between) to take the name
 * holding the keyword into the match; tried at every position, that prefix costs up to 50 attempts a character in
 * JavaScript's backtracking engine. The prefix is dropped here and read back before a match where a rule needs it.
 */
export function dropIdentifierPrefix(source: string): { source: string; dropped: boolean } {
  const prefix = String.raw`[\w.\-]{0,50}?`; // As translateGoRegex writes `[\w.-]{0,50}?`.
  let rest = source;
  let dropped = false;
  for (;;) {
    if (rest.startsWith(prefix)) rest = rest.slice(prefix.length);
    else if (rest.startsWith(`(?:${prefix}`)) rest = `(?:${rest.slice(prefix.length + 3)}`;
    else break;
    dropped = true;
  }
  return { source: rest, dropped };
}
