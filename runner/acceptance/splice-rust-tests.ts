// Rust unit tests live in the source file: its `#[cfg(test)]` module and its `#[test]` functions, found, cut out and
// put back here.
import { scanRustItems, type RustItem } from './scan-rust-items.js';

/** A hidden-test file named `<source>.rs.cfg-test` holds the test items that go into `<source>.rs`, not beside it. */
export const RUST_TEST_MODULE_SUFFIX = '.cfg-test';

/** `#[test]`, `#[tokio::test]`, `#[async_std::test(...)]`: an attribute that makes a function a test. */
const TEST_ATTRIBUTE = /#\[\s*(?:[A-Za-z_]\w*\s*::\s*)*test\s*(?:\(|\])/;
/** `#[cfg(test)]` or `#[cfg(all(test, ...))]`: an item compiled for tests only. */
const CFG_TEST = /#\[\s*cfg\s*\(\s*(?:all\s*\(\s*)?test\s*[,)]/;

/**
 * The test items of a Rust source, in order: top-level items under `#[cfg(test)]`, functions marked `#[test]` and
 * modules whose body holds one (comex/rust-shlex keeps its tests as top-level `#[test] fn`s in src/lib.rs,
 * and 0 of 28 commits imported). Failing those, the first `#[cfg(test)]` module nested in another (the rule for a crate with nested test modules).
 */
export function findRustTestItems(text: string): RustItem[] {
  const items = scanRustItems(text);
  if (items === null) return [];
  const tests = items.filter((item) => isTestItem(text.slice(item.start, item.end)));
  if (tests.length > 0) return tests;
  const nested = /#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{/.exec(text);
  if (nested === null || isInsideLineComment(text, nested.index)) return [];
  const inner = scanRustItems(text.slice(nested.index), 1);
  const first = inner?.[0];
  return first ? [{ start: nested.index + first.start, end: nested.index + first.end }] : [];
}

/** Under `#[cfg(test)]`, a `#[test]` function, or a module whose own items include one. */
function isTestItem(item: string): boolean {
  const head = readItemHead(item);
  if (CFG_TEST.test(head) || isTestFunction(head)) return true;
  if (!/^(?:\s*#\[[^\]]*\])*\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{$/.test(head.replace(/\/\/\/.*\n/g, ''))) return false;
  const body = item.slice(head.length, item.lastIndexOf('}'));
  return (scanRustItems(body) ?? []).some((inner) => isTestFunction(readItemHead(body.slice(inner.start, inner.end))));
}

/** An item up to its first `{` or `;`: its doc comments, attributes and signature. */
function readItemHead(item: string): string {
  return item.slice(0, item.search(/[{;]/) + 1 || item.length);
}

function isTestFunction(head: string): boolean {
  return /\bfn\s/.test(head) && TEST_ATTRIBUTE.test(head);
}

function isInsideLineComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(lineStart, at).includes('//');
}

/** The source with its test items replaced by `tests` (where the first one was, else appended). */
export function spliceRustTestModule(source: string, tests: string): string {
  const found = findRustTestItems(source);
  if (found.length === 0) return `${source.replace(/\s*$/, '')}\n\n${tests.trim()}\n`;
  return cutItems(source, found, tests.trim());
}

/** The test items' text, one blank line between two, or null when there is none. */
export function readRustTestModule(source: string): string | null {
  const found = findRustTestItems(source);
  return found.length === 0 ? null : found.map((item) => source.slice(item.start, item.end)).join('\n\n');
}

/** The source without its test items: what a change to the code itself is judged by. */
export function stripRustTestModule(source: string): string {
  return cutItems(source, findRustTestItems(source), '');
}

/** `source` without `items`, `put` where the first one was. */
function cutItems(source: string, items: readonly RustItem[], put: string): string {
  let kept = '';
  let from = 0;
  for (const [index, item] of items.entries()) {
    kept += source.slice(from, item.start) + (index === 0 ? put : '');
    from = item.end;
  }
  return kept + source.slice(from);
}
