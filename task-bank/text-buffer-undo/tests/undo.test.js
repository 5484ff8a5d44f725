import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextBuffer } from '../src/buffer.js';
import { BufferError } from '../src/errors.js';
import { replaceAll } from '../src/search.js';

function buffer(text = '', options = {}) {
  const clock = { t: 0 };
  const b = new TextBuffer(text, { now: () => clock.t, ...options });
  return { b, clock };
}

test('undo and redo a single edit, restoring text and cursor', () => {
  const { b } = buffer('hello world');
  b.setCursor(2);
  b.replace(6, 5, 'there');
  assert.equal(b.text, 'hello there');
  assert.equal(b.cursor, 11);
  assert.equal(b.undo(), true);
  assert.equal(b.text, 'hello world');
  assert.equal(b.cursor, 2);
  assert.equal(b.redo(), true);
  assert.equal(b.text, 'hello there');
  assert.equal(b.cursor, 11);
});
test('several steps undo in reverse order; nothing left returns false', () => {
  const { b, clock } = buffer('abc');
  b.delete(0, 1);
  clock.t += 5000;
  b.insert(2, '\n');
  assert.equal(b.text, 'bc\n');
  assert.equal(b.undo(), true);
  assert.equal(b.text, 'bc');
  assert.equal(b.undo(), true);
  assert.equal(b.text, 'abc');
  assert.equal(b.undo(), false);
  assert.equal(b.canUndo, false);
  assert.equal(b.canRedo, true);
});
test('a new edit clears redo', () => {
  const { b } = buffer('abc');
  b.delete(2, 1);
  b.undo();
  b.insert(0, '\n');
  assert.equal(b.canRedo, false);
  assert.equal(b.redo(), false);
  assert.equal(b.text, '\nabc');
});
test('no-op and failed edits record nothing', () => {
  const { b } = buffer('abc');
  b.replace(1, 0, '');
  assert.throws(() => b.delete(2, 5), BufferError);
  assert.equal(b.canUndo, false);
});
test('typing quickly at the end of the run coalesces into one step', () => {
  const { b, clock } = buffer('');
  b.type('h');
  clock.t += 200;
  b.type('i');
  clock.t += 200;
  b.type('!');
  b.undo();
  assert.equal(b.text, '');
  assert.equal(b.canUndo, false);
  b.redo();
  assert.equal(b.text, 'hi!');
  assert.equal(b.cursor, 3);
});
test('a pause, a newline, a deletion or a cursor move ends a typing run', () => {
  const { b, clock } = buffer('');
  b.type('a');
  clock.t += 1000;
  b.type('b');
  b.undo();
  assert.equal(b.text, 'a');
  b.type('c');
  b.setCursor(0);
  b.type('d');
  b.undo();
  assert.equal(b.text, 'ac');
  b.setCursor(2);
  b.type('e');
  b.type('\n');
  b.undo();
  assert.equal(b.text, 'ace');
  b.backspace();
  b.undo();
  assert.equal(b.text, 'ace');
});
test('undo ends a typing run', () => {
  const { b, clock } = buffer('');
  b.type('a');
  b.insert(1, '\n');
  b.undo();
  clock.t += 10;
  b.type('b');
  b.undo();
  assert.equal(b.text, 'a');
});
test('inserting somewhere else starts a new step', () => {
  const { b } = buffer('xyz');
  b.insert(3, '1');
  b.insert(0, '2');
  b.undo();
  assert.equal(b.text, 'xyz1');
});
test('coalesceMs is configurable', () => {
  const { b, clock } = buffer('', { coalesceMs: 50 });
  b.type('a');
  clock.t += 60;
  b.type('b');
  b.undo();
  assert.equal(b.text, 'a');
});
test('transact makes one step and returns the result', () => {
  const { b } = buffer('one two');
  b.setCursor(1);
  const result = b.transact((buf) => {
    buf.replace(0, 3, '1');
    buf.transact(() => buf.insert(buf.length, '!'));
    return 'done';
  });
  assert.equal(result, 'done');
  assert.equal(b.text, '1 two!');
  b.undo();
  assert.equal(b.text, 'one two');
  assert.equal(b.cursor, 1);
  assert.equal(b.canUndo, false);
  b.redo();
  assert.equal(b.text, '1 two!');
  assert.equal(b.cursor, 6);
  b.transact(() => {});
  b.undo();
  assert.equal(b.text, 'one two');
});
test('a throwing transaction is rolled back and re-thrown', () => {
  const { b } = buffer('keep');
  b.setCursor(2);
  assert.throws(
    () =>
      b.transact((buf) => {
        buf.insert(0, 'x');
        buf.delete(0, 3);
        throw new Error('boom');
      }),
    /boom/,
  );
  assert.equal(b.text, 'keep');
  assert.equal(b.cursor, 2);
  assert.equal(b.canUndo, false);
});
test('undo or redo inside a transaction throws', () => {
  const { b } = buffer('a');
  assert.throws(() => b.transact((buf) => buf.undo()), (e) => e instanceof BufferError && /transaction/.test(e.message));
  assert.throws(() => b.transact((buf) => buf.redo()), (e) => e instanceof BufferError && /transaction/.test(e.message));
});
test('maxHistory drops the oldest steps; clearHistory empties both lists', () => {
  assert.throws(() => new TextBuffer('', { maxHistory: 0 }), (e) => e instanceof BufferError && /maxHistory/.test(e.message));
  const { b } = buffer('', { maxHistory: 2 });
  b.insert(0, '1\n');
  b.insert(0, '2\n');
  b.insert(0, '3\n');
  assert.equal(b.undo(), true);
  assert.equal(b.undo(), true);
  assert.equal(b.undo(), false);
  assert.equal(b.text, '1\n');
  b.clearHistory();
  assert.equal(b.canRedo, false);
});
test('replaceAll is one undo step', () => {
  const { b } = buffer('a-b-c-d');
  assert.equal(replaceAll(b, '-', ' + '), 3);
  assert.equal(b.text, 'a + b + c + d');
  b.undo();
  assert.equal(b.text, 'a-b-c-d');
  assert.equal(b.canUndo, false);
});
