// The prose a change adds to its documentation (doc comments, README, CHANGELOG): what it says the work does; pure.
import { classifyPath } from './classify-path.js';

/** More lines than this and the section would be a manual: the rest are counted, not listed. */
export const MAX_DOC_LINES = 15;

/** A doc comment's line by language: Rust's `///` and `//!`, JSDoc's `/**` and ` * ` (a Go `*p` is no comment). */
const DOC_COMMENTS: Array<[file: RegExp, line: RegExp]> = [
  [/\.rs$/, /^\s*(?:\/\/\/|\/\/!)\s?(.*)$/],
  [/\.[cm]?[jt]sx?$/, /^\s*(?:\/\*\*|\*(?!\/))\s?(.*)$/],
];

/**
 * The documentation lines a solution file adds, as prose: in a docs file (`README.rst`, `CHANGELOG.md`) its new lines,
 * in source its new doc-comment lines (Rust's `///` and `//!`, JSDoc), less code blocks (fenced, or indented four
 * spaces in a docs file), markup-only lines and Markdown headings. quick-error's 98513c1, "Implement display with self
 * clause", says in its new crate docs "you can instead use `display(x) -> (pattern, ..args)`, where `x` sets the name
 * of the reference": the syntax its tests use, which its spec never gave (issue 52: graded C).
 */
function listDocLines(path: string, text: string, before: string): string[] {
  const old = new Set(before.split('\n'));
  const docs = classifyPath(path) === 'docs';
  const comment = DOC_COMMENTS.find(([file]) => file.test(path))?.[1];
  if (!docs && comment === undefined) return [];
  const lines: string[] = [];
  let fenced = false;
  for (const line of text.split('\n')) {
    const prose = docs ? line : comment?.exec(line)?.[1];
    if (prose === undefined) continue;
    if (/^\s*(?:```|~~~)/.test(prose)) fenced = !fenced;
    if (fenced || /^\s*(?:```|~~~)/.test(prose) || old.has(line)) continue;
    if ((docs && /^(?: {4}|\t)/.test(prose)) || !/\p{L}{2}/u.test(prose) || /^\s*(?:#|=+$|-+$|\.\. )/.test(prose)) continue;
    lines.push(prose.trim());
  }
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
