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
