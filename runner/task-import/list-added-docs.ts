// The prose a change adds to its documentation (doc comments, README, CHANGELOG): what it says the work does; pure.

/** More lines than this and the section would be a manual: the rest are counted, not listed. */
export const MAX_DOC_LINES = 15;

/** Prose files: a README, a CHANGELOG (CHANGES, HISTORY, NEWS), and Markdown, reST or AsciiDoc pages under docs/. */
const PROSE_FILE = /^(?:README|CHANGELOG|CHANGES|HISTORY|NEWS)(?:\.(?:md|markdown|rst|txt|adoc))?$/i;
const DOCS_PAGE = /^docs\/.*\.(?:md|markdown|rst|adoc)$/i;

/**
 * Each line's prose, or undefined for a line that is none: Rust's `///` and `//!` lines; in JavaScript and TypeScript
 * the lines of a `/** ... *\/` block only (a generator's `*[Symbol.iterator]()` is code), its `@example` left out (its
 * `// => "1.5 KB"` is an expected value); in a prose file every line. A Go `*p` is never a comment.
 */
function readProse(path: string, text: string): Array<string | undefined> {
  const name = path.split('/').at(-1) ?? path;
  if (PROSE_FILE.test(name) || DOCS_PAGE.test(path)) return text.split('\n');
  if (path.endsWith('.rs')) return text.split('\n').map((line) => /^\s*(?:\/\/\/|\/\/!)\s?(.*)$/.exec(line)?.[1]);
  if (!/\.[cm]?[jt]sx?$/.test(path)) return [];
  let inside = false;
  let example = false;
  return text.split('\n').map((line) => {
    if (!inside && !/^\s*\/\*\*/.test(line)) return undefined;
    inside = !line.includes('*/');
    const prose = line.replace(/^\s*(?:\/\*\*|\*(?!\/))\s?/, '').replace(/\s*\*\/.*$/, '');
    if (/^\s*@/.test(prose)) example = /^\s*@example\b/.test(prose);
    if (!inside) example = false;
    return example ? undefined : prose;
  });
}

/** A list item's first line in Markdown or reStructuredText: `- `, `* `, `+ `, `1. `, `1) `, `#. `. */
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)]|#\.)\s+\S/;

/**
 * The documentation lines a solution file adds, as prose (readProse), less code blocks (fenced, or indented four
 * spaces in a prose file), markup-only lines and Markdown headings. quick-error's 98513c1, "Implement display with self
 * clause", says in its new crate docs "you can instead use `display(x) -> (pattern, ..args)`, where `x` sets the name
 * of the reference": the syntax its tests use, which its spec never gave (graded C). An indented line right under a
 * list item (no blank line between, the item not ending in reST's `::`) is the item's continuation, not code: it is
 * joined to the item, so a wrapped bullet ("it will raise" / ":exc:`ValueError` ...") is quoted whole (5 of 5 specs of
 * one Python repository were cut mid-sentence).
 */
function listDocLines(path: string, text: string, before: string): string[] {
  const old = new Set(before.split('\n'));
  const docs = !/\.(?:rs|[cm]?[jt]sx?)$/.test(path);
  const raw = text.split('\n');
  const lines: string[] = [];
  let fenced = false;
  let item = false;
  let joinable = false;
  readProse(path, text).forEach((prose, at) => {
    if (prose === undefined) return;
    if (/^\s*(?:```|~~~)/.test(prose)) fenced = !fenced;
    const continues = docs && item && /^\s+\S/.test(prose);
    item = docs && !fenced && (LIST_ITEM.test(prose) || continues) && !/::\s*$/.test(prose);
    if (fenced || /^\s*(?:```|~~~)/.test(prose) || old.has(raw[at] as string)) {
      joinable = false;
      return;
    }
    if (continues && joinable) {
      lines[lines.length - 1] = `${lines.at(-1)} ${prose.trim()}`;
      return;
    }
    joinable = false;
    if ((docs && !continues && /^(?: {4}|\t)/.test(prose)) || !/\p{L}{2}/u.test(prose) || /^\s*(?:#|=+$|-+$|\.\. )/.test(prose)) return;
    lines.push(prose.trim());
    joinable = item;
  });
  return lines;
}

/** Every solution file's new documentation lines, in path order, each line once. */
export function listAddedDocs(solution: ReadonlyMap<string, string>, fixture: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const path of [...solution.keys()].sort())
    for (const line of listDocLines(path, solution.get(path) ?? '', fixture.get(path) ?? '')) if (!found.includes(line)) found.push(line);
  return found;
}

/** The spec's section quoting them; '' when there are none. */
export function describeAddedDocs(lines: readonly string[]): string {
  if (lines.length === 0) return '';
  const more = lines.length > MAX_DOC_LINES ? [`> (and ${lines.length - MAX_DOC_LINES} more lines)`] : [];
  return [
    'The change documents itself so (the documentation it adds, code examples left out):',
    '',
    ...lines.slice(0, MAX_DOC_LINES).map((line) => `> ${line}`),
    ...more,
    '',
  ].join('\n');
}
