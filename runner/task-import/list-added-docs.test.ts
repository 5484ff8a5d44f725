// listAddedDocs: the prose a change adds to its docs reaches the spec; code examples, old lines and code do not.
import { describe, expect, it } from 'vitest';
import { describeAddedDocs, listAddedDocs, MAX_DOC_LINES } from './list-added-docs.js';

/** quick-error's 98513c1: crate docs that name the syntax its tests use, with a code example. */
const LIB_BEFORE = '//! A macro which makes errors easy to write\n//!\nmacro_rules! quick_error { () => {} }\n';
const LIB_AFTER = `//! A macro which makes errors easy to write
//!
//! If you need a reference to the error when \`Display\`ing, you can instead use
//! \`display(x) -> (pattern, ..args)\`, where \`x\` sets the name of the reference.
//!
//! \`\`\`rust
//! quick_error! { pub enum E { Io(err: io::Error) { display(x) -> ("{}", err) } } }
//! \`\`\`
/// Finds the display arm.
macro_rules! quick_error { () => {} }
`;

describe('listAddedDocs', () => {
  it("quotes a Rust crate's new doc prose, not its example nor the lines it had", () => {
    expect(listAddedDocs(new Map([['src/lib.rs', LIB_AFTER]]), new Map([['src/lib.rs', LIB_BEFORE]]))).toEqual([
      'If you need a reference to the error when `Display`ing, you can instead use',
      '`display(x) -> (pattern, ..args)`, where `x` sets the name of the reference.',
      'Finds the display arm.',
    ]);
  });
  it("quotes a README's and a CHANGELOG's new lines less code blocks and headings, and JSDoc, never Go's *p", () => {
    const readme = 'Usage\n=====\n\nCall `parse(text, { strict: true })` to refuse trailing text.\n\n    parse("1 x")\n';
    const js = '/**\n * Parses text; strict mode refuses trailing text.\n */\nexport function parse() {}\n';
    const go = 'func f(p *int) {\n\t*p = 1 // set it\n}\n';
    const solution = new Map([
      ['README.rst', readme],
      ['CHANGELOG.md', '## 2.0\n\n- parse: a strict mode\n'],
      ['src/parse.ts', js],
      ['f.go', go],
    ]);
    expect(listAddedDocs(solution, new Map())).toEqual([
      '- parse: a strict mode',
      'Usage',
      'Call `parse(text, { strict: true })` to refuse trailing text.',
      'Parses text; strict mode refuses trailing text.',
    ]);
  });
  it('quotes no code, no example, no golden file, no AUTHORS line', () => {
    const js =
      'class Meter {\n  *[Symbol.iterator]() {\n    yield 1\n      * this.rate; }\n}\n/** Returns the sum. */\nexport const sum = 1;\n/**\n * Formats bytes.\n * @example\n * formatBytes(1536) // => "1.5 KB"\n * @returns the text\n */\n';
    const solution = new Map([
      ['src/meter.ts', js],
      ['golden/expected.txt', 'Hello World from parser\n'],
      ['docs/example.py', 'assert result == 1000\n'],
      ['AUTHORS', 'Jane Doe <jane@example.com>\n'],
    ]);
    expect(listAddedDocs(solution, new Map())).toEqual(['Returns the sum.', 'Formats bytes.', '@returns the text']);
  });
  it(`quotes at most ${MAX_DOC_LINES} lines and counts the rest`, () => {
    const lines = Array.from({ length: MAX_DOC_LINES + 3 }, (_, i) => `line number ${i}`);
    const section = describeAddedDocs(lines);
    expect(section).toContain(`> line number ${MAX_DOC_LINES - 1}`);
    expect(section).not.toContain(`> line number ${MAX_DOC_LINES}\n`);
    expect(section).toContain('> (and 3 more lines)');
    expect(describeAddedDocs([])).toBe('');
  });
});

describe('listAddedDocs: list items kept whole', () => {
  // Before: the wrapped lines indented four spaces were taken for a code block, and the quote stopped at "it will raise".
  it('joins the continuation lines of a reStructuredText and a Markdown bullet to the item', () => {
    const changes =
      'Changes\n=======\n\n*   ``parse`` now refuses an empty string: it will raise\n    :exc:`ValueError` with the message ``empty amount``.\n*   ``format`` keeps trailing zeros.\n\nExample::\n\n    parse("")\n';
    const readme =
      '## Options\n\n- `strict`: refuse trailing text; the error\n  names the offset of the first extra character.\n\n    parse("1 x")\n';
    expect(
      listAddedDocs(
        new Map([
          ['CHANGES.rst', changes],
          ['README.md', readme],
        ]),
        new Map(),
      ),
    ).toEqual([
      'Changes',
      '*   ``parse`` now refuses an empty string: it will raise :exc:`ValueError` with the message ``empty amount``.',
      '*   ``format`` keeps trailing zeros.',
      'Example::',
      '- `strict`: refuse trailing text; the error names the offset of the first extra character.',
    ]);
  });
});
