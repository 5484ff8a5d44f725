import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIni } from '../src/ini.js';

test('top-level keys, sections and comments', () => {
  const text = '; comment\nname = demo\n\n# another\n[server]\nhost = example.org\nport=8080\r\n';
  assert.deepEqual(parseIni(text), { name: 'demo', server: { host: 'example.org', port: 8080 } });
});
test('typed values, quoted strings and inline comments', () => {
  const text = '[t]\na = true\nb = false\nc = -1.5\nd = "42"\ne = "x ; y"\nf = hello ; note\ng = a=b\nh = 1.2.3';
  assert.deepEqual(parseIni(text), { t: { a: true, b: false, c: -1.5, d: '42', e: 'x ; y', f: 'hello', g: 'a=b', h: '1.2.3' } });
});
test('dotted sections nest and repeated sections continue', () => {
  const text = '[a.b]\nx = 1\n[ c ]\ny = 2\n[a.b]\nz = 3\n[a]\nw = 4';
  assert.deepEqual(parseIni(text), { a: { b: { x: 1, z: 3 }, w: 4 }, c: { y: 2 } });
});
test('later duplicate keys win', () => {
  assert.deepEqual(parseIni('k = 1\nk = 2'), { k: 2 });
});
test('malformed lines name their line number', () => {
  for (const [text, line] of [['ok = 1\njunk', 2], ['[open', 1], ['a=1\n\n[]', 3], ['= v', 1]]) {
    assert.throws(() => parseIni(text), (e) => e instanceof SyntaxError && e.message.includes(`line ${line}`), text);
  }
});
test('refuses prototype-polluting names', () => {
  assert.throws(() => parseIni('__proto__ = 1'), SyntaxError);
  assert.throws(() => parseIni('[a.__proto__]\nx = 1'), SyntaxError);
  assert.equal({}.x, undefined);
});
