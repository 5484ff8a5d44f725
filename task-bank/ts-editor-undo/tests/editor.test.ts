import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Editor } from '../src/editor.js';

const type = (editor: Editor, text: string) => {
  for (const ch of text) editor.insert(ch);
};

test('typing a word is one step; whitespace is a step of its own', () => {
  const editor = new Editor();
  type(editor, 'hello world');
  assert.equal(editor.value, 'hello world');
  assert.equal(editor.undo(), true);
  assert.equal(editor.value, 'hello ');
  assert.equal(editor.undo(), true);
  assert.equal(editor.value, 'hello');
  assert.equal(editor.undo(), true);
  assert.equal(editor.value, '');
  assert.equal(editor.undo(), false);
  assert.equal(editor.canUndo, false);
});

test('redo re-applies, a new step clears it', () => {
  const editor = new Editor();
  type(editor, 'abc');
  editor.deleteBack(2);
  assert.equal(editor.value, 'a');
  editor.undo();
  assert.deepEqual([editor.value, editor.position], ['abc', 3]);
  assert.equal(editor.redo(), true);
  assert.deepEqual([editor.value, editor.position], ['a', 1]);
  editor.undo();
  assert.equal(editor.canRedo, true);
  editor.insert('!');
  assert.equal(editor.canRedo, false);
  assert.equal(editor.redo(), false);
});

test('moving the cursor breaks a word into steps and restores the cursor', () => {
  const editor = new Editor();
  type(editor, 'ac');
  editor.moveTo(1);
  editor.insert('b');
  assert.equal(editor.value, 'abc');
  editor.undo();
  assert.deepEqual([editor.value, editor.position], ['ac', 1]);
  editor.undo();
  assert.deepEqual([editor.value, editor.position], ['', 0]);
});

test('no-op edits are not steps; the history limit forgets the oldest', () => {
  const editor = new Editor({ historyLimit: 2 });
  editor.insert('');
  editor.deleteBack();
  assert.equal(editor.canUndo, false);
  for (const word of ['a ', 'b ', 'c ']) editor.insert(word);
  assert.equal(editor.undo(), true);
  assert.equal(editor.undo(), true);
  assert.equal(editor.undo(), false);
  assert.equal(editor.value, 'a ');
  assert.throws(() => new Editor({ historyLimit: -1 }), { name: 'RangeError', message: 'historyLimit must be a whole number >= 0' });
  assert.throws(() => new Editor({ historyLimit: 1.5 }), RangeError);
});
