// The Rust test-module splicer on the shapes real crates use: nested braces, strings, chars, lifetimes, comments.
import { describe, expect, it } from 'vitest';
import { readRustTestModule, spliceRustTestModule, stripRustTestModule } from './splice-rust-tests.js';

const SOURCE = `pub fn add(a: i32, b: i32) -> i32 {
    a + b
}

pub fn first<'a>(s: &'a str) -> &'a str { &s[..1] }

// #[cfg(test)] mod commented_out { }
#[cfg(test)]
mod tests {
    use super::*;
    const BRACES: &str = "}}} { \\" }";
    const RAW: &str = r#"}"#;
    const CH: char = '}';
    /* a } in /* a nested */ comment */
    #[test]
    fn adds() { assert_eq!(add(1, 2), 3); }
    fn lifetimes<'b>(s: &'b str) -> &'b str { s }
}

pub fn after() {}
`;

describe('the Rust test module', () => {
  it('is found whole, braces in strings, raw strings, chars and comments skipped, lifetimes not taken for chars', () => {
    const module = readRustTestModule(SOURCE);
    expect(module?.startsWith('#[cfg(test)]\nmod tests {')).toBe(true);
    expect(module?.endsWith("fn lifetimes<'b>(s: &'b str) -> &'b str { s }\n}")).toBe(true);
    expect(stripRustTestModule(SOURCE)).toContain('pub fn after() {}');
    expect(stripRustTestModule(SOURCE)).not.toContain('fn adds()');
  });

  it('is replaced by the hidden one, or appended to a source that has none', () => {
    const hidden = '#[cfg(test)]\nmod tests {\n    #[test]\n    fn hidden() {}\n}';
    const spliced = spliceRustTestModule(SOURCE, hidden);
    expect(readRustTestModule(spliced)).toBe(hidden);
    expect(spliced).toContain('pub fn after() {}');
    expect(spliced).not.toContain('fn adds()');
    expect(spliceRustTestModule('pub fn one() -> i32 { 1 }\n', hidden)).toBe(`pub fn one() -> i32 { 1 }\n\n${hidden}\n`);
  });

  it('is none when the source has no test module or its braces never close', () => {
    expect(readRustTestModule('pub fn x() {}\n')).toBeNull();
    expect(readRustTestModule('#[cfg(test)]\nmod tests {\n fn open() {\n')).toBeNull();
  });
});

// comex/rust-shlex's src/lib.rs, cut down: tests are top-level items, some under #[cfg(test)], none in a module.
const SHLEX = `//! Parse strings like, and escape strings for, POSIX shells.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;
use alloc::vec::Vec;
#[cfg(test)]
use alloc::vec;

pub mod bytes;
#[cfg(all(doc, not(doctest)))]
#[path = "quoting_warning.md"]
pub mod quoting_warning;

pub const TABLE: [u8; 3] = [b'{', b'}', b';'];

/// Splits like a shell.
pub fn split(in_str: &str) -> Option<Vec<String>> { let _ = r#"}"#; None }

#[cfg(test)]
static SPLIT_TEST_ITEMS: &[(&str, Option<&[&str]>)] = &[("foo$baz", Some(&["foo$baz"]))];

#[test]
fn test_split() {
    for &(input, output) in SPLIT_TEST_ITEMS { assert_eq!(split(input).is_some(), output.is_some()); }
}

/// A doc comment on a test.
#[test]
#[cfg_attr(not(feature = "std"), allow(unreachable_code))]
fn test_quote() { let tests = r#"<'{'>"#; assert!(!tests.is_empty()); }

#[tokio::test(flavor = "current_thread")]
async fn test_async() {}

pub fn after() {}
`;

describe("a crate's top-level test items", () => {
  it('are every #[test] function and #[cfg(test)] item at the top level, with their doc comments and attributes', () => {
    const tests = readRustTestModule(SHLEX) ?? '';
    expect(tests.split('\n\n')).toEqual([
      '#[cfg(test)]\nuse alloc::vec;',
      '#[cfg(test)]\nstatic SPLIT_TEST_ITEMS: &[(&str, Option<&[&str]>)] = &[("foo$baz", Some(&["foo$baz"]))];',
      expect.stringMatching(/^#\[test\]\nfn test_split\(\) \{[\s\S]*\n\}$/),
      expect.stringMatching(/^\/\/\/ A doc comment on a test\.\n#\[test\]\n#\[cfg_attr[\s\S]*assert!\(!tests\.is_empty\(\)\); \}$/),
      '#[tokio::test(flavor = "current_thread")]\nasync fn test_async() {}',
    ]);
    const code = stripRustTestModule(SHLEX);
    for (const kept of ['#![cfg_attr', '//! Parse', 'pub mod quoting_warning;', "[b'{', b'}', b';']", '/// Splits', 'pub fn after() {}'])
      expect(code).toContain(kept);
    expect(code).not.toMatch(/test_|SPLIT_TEST_ITEMS|use alloc::vec;|A doc comment/);
  });

  it("are replaced by the hidden ones where the first was: the fixture keeps its code, the tests are the commit's", () => {
    const hidden = '#[test]\nfn test_new() { assert!(split("a").is_none()); }';
    const spliced = spliceRustTestModule(SHLEX, hidden);
    expect(readRustTestModule(spliced)).toBe(hidden);
    expect(stripRustTestModule(spliced)).toBe(stripRustTestModule(SHLEX));
    expect(spliced.indexOf('fn test_new')).toBeLessThan(spliced.indexOf('pub mod bytes;'));
  });

  it('count a module holding #[test] functions though it lacks #[cfg(test)], and not a #[cfg(not(test))] item', () => {
    const source = '#[cfg(not(test))]\npub fn real() {}\nmod checks {\n    #[test]\n    fn works() {}\n}\n';
    expect(readRustTestModule(source)).toBe('mod checks {\n    #[test]\n    fn works() {}\n}');
    expect(stripRustTestModule(source)).toBe('#[cfg(not(test))]\npub fn real() {}\n\n');
  });

  it('fall back to a #[cfg(test)] module nested in another, cut and put back in place', () => {
    const source =
      'pub mod inner {\n    pub fn one() {}\n    #[cfg(test)]\n    mod tests {\n        #[test]\n        fn t() {}\n    }\n}\n';
    expect(readRustTestModule(source)).toBe('#[cfg(test)]\n    mod tests {\n        #[test]\n        fn t() {}\n    }');
    expect(spliceRustTestModule(source, '#[cfg(test)]\nmod tests {}')).toBe(
      'pub mod inner {\n    pub fn one() {}\n    #[cfg(test)]\nmod tests {}\n}\n',
    );
  });
});
