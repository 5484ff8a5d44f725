// Text from outside (an endpoint's body, a file's line, a ledger row) shown on a terminal or in markdown: made visible, never obeyed.

/**
 * C0 controls (newline and carriage return included: a message is one line), DEL, C1 controls and the Unicode
 * line separators and bidi overrides (U+202A-U+202E, U+2066-U+2069) become visible escapes (`\x1b`, `\u202e`): an
 * endpoint or a ledger row that holds `ESC [2J`, `ESC ]0;title BEL` or a forged second line cannot clear the screen,
 * set the title, reorder what is shown (Trojan Source, CVE-2021-42574) or pass for the tool's own output. Tabs stay.
 */
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The one helper every piece of outside text goes through before a terminal: one line, every control visible. */
export function escapeControls(text: string): string {
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A command's whole output for a terminal: each line through escapeControls, its line breaks kept. The last guard of
 * every text a command prints (cli/print-output.ts); a line break inside outside text is only caught before the
 * lines are joined, by escaping the rows a renderer reads (escapeStrings).
 */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeControls).join('\n');
}

/**
 * A `<` that opens a tag, a comment or a declaration (`<img`, `</p`, `<!--`, `<?`) and an `&` that opens a character
 * reference (`&lt;`, `&#60;`, `&#x3c;`): the only places where markdown reads text as HTML. A `>`, a `p < 0.001` and
 * a lone `&` are shown as they are by every renderer.
 */
const MARKUP = /<(?=[a-z/!?])|&(?=#[0-9]+;|#x[0-9a-f]+;|[a-z][a-z0-9]*;)/gi;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;' };

/**
 * Text for a markdown file (report.md) whose controls escapeControls already made visible where it was read (a
 * ledger row, before the report composed its own multi-line text from it): each `<` that would open HTML and each
 * `&` that would open an entity become entities, so GitHub or any renderer shows a row's `<img onerror=...>` as
 * text. Everything else stays readable: a failover portfolio `a>b`, `>=`, `p < 0.001`, the report's own line breaks
 * (a table cell's `|` is escaped by the table's renderer).
 */
export function escapeMarkup(text: string): string {
  return text.includes('<') || text.includes('&') ? text.replace(MARKUP, (char) => ENTITIES[char] ?? char) : text;
}

/**
 * A copy of rows read from outside with every string (keys too: a record keyed by a budget's name) passed through
 * `escapeText`, before a renderer joins them into lines. Plain objects and arrays are copied only where something
 * changed, so rows without controls come back as they were (300,000 proxy rows: about 0.2 s); other objects (a
 * Date, a Map) are left alone.
 */
export function escapeStrings<T>(value: T, escapeText: (text: string) => string = escapeControls): T {
  if (typeof value === 'string') return escapeText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const escaped = escapeStrings(item, escapeText);
      if (escaped !== item) (copy ??= value.slice())[index] = escaped;
    }
    return (copy ?? value) as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const row = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(row)) {
    const item = row[key];
    const escapedKey = escapeText(key);
    const escaped = typeof item === 'string' || (item !== null && typeof item === 'object') ? escapeStrings(item, escapeText) : item;
    if (copy === null && (escapedKey !== key || escaped !== item)) copy = copyKeysBefore(row, key);
    if (copy !== null) copy[escapedKey] = escaped;
  }
  return (copy ?? value) as T;
}

/** The entries of `row` before `stop`, as they are: where a copy starts once a value turned out to change. */
function copyKeysBefore(row: Record<string, unknown>, stop: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(row)) {
    if (key === stop) break;
    copy[key] = row[key];
  }
  return copy;
}
