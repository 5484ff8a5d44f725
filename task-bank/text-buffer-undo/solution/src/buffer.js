// A text buffer with a cursor: insert, delete and replace by offset, with undo/redo, transactions and typing runs.
import { BufferError } from './errors.js';
import { History } from './history.js';
import { offsetToPosition, positionToOffset } from './position.js';

export class TextBuffer {
  #text;
  #cursor = 0;
  #history;
  #now;
  #coalesceMs;
  /** The open transaction: { edits, cursorBefore, depth }, or null. */
  #tx = null;

  constructor(text = '', options = {}) {
    this.#text = String(text);
    this.#history = new History(options.maxHistory ?? 100);
    this.#now = options.now ?? Date.now;
    this.#coalesceMs = options.coalesceMs ?? 1000;
  }

  get canUndo() {
    return this.#history.canUndo;
  }

  get canRedo() {
    return this.#history.canRedo;
  }

  clearHistory() {
    this.#history.clear();
  }

  undo() {
    if (this.#tx) throw new BufferError('cannot undo inside a transaction');
    const step = this.#history.popUndo();
    if (!step) return false;
    for (const edit of [...step.edits].reverse()) this.#apply(edit.offset, edit.inserted.length, edit.removed);
    this.#cursor = step.cursorBefore;
    this.#history.breakRun();
    return true;
  }

  redo() {
    if (this.#tx) throw new BufferError('cannot redo inside a transaction');
    const step = this.#history.popRedo();
    if (!step) return false;
    for (const edit of step.edits) this.#apply(edit.offset, edit.removed.length, edit.inserted);
    this.#cursor = step.cursorAfter;
    this.#history.breakRun();
    return true;
  }

  /** Runs fn as one undo step; on a throw, reverts its edits and re-throws. */
  transact(fn) {
    const outer = this.#tx;
    const start = { text: this.#text, cursor: this.#cursor, edits: outer ? outer.edits.length : 0 };
    this.#tx = outer ?? { edits: [], cursorBefore: this.#cursor };
    try {
      const result = fn(this);
      if (!outer && this.#tx.edits.length > 0) {
        this.#history.push({ edits: this.#tx.edits, cursorBefore: this.#tx.cursorBefore, cursorAfter: this.#cursor, typing: false });
      }
      return result;
    } catch (error) {
      this.#text = start.text;
      this.#cursor = start.cursor;
      this.#tx.edits.length = start.edits;
      throw error;
    } finally {
      if (!outer) this.#tx = null;
    }
  }

  get text() {
    return this.#text;
  }

  get length() {
    return this.#text.length;
  }

  get cursor() {
    return this.#cursor;
  }

  setCursor(offset) {
    this.#checkOffset(offset);
    this.#cursor = offset;
    this.#history.breakRun();
  }

  /** The cursor as { line, column }. */
  cursorPosition() {
    return offsetToPosition(this.#text, this.#cursor);
  }

  moveCursorTo(position) {
    this.#cursor = positionToOffset(this.#text, position);
    this.#history.breakRun();
  }

  lineCount() {
    return this.#text.split('\n').length;
  }

  line(index) {
    const lines = this.#text.split('\n');
    if (!Number.isInteger(index) || index < 0 || index >= lines.length) throw new BufferError(`line out of range: ${index}`);
    return lines[index];
  }

  /** Inserts text at an offset; the cursor ends after the inserted text. */
  insert(offset, text) {
    this.replace(offset, 0, text);
  }

  /** Deletes count characters from an offset; the cursor ends at the offset. */
  delete(offset, count) {
    this.replace(offset, count, '');
  }

  /** Replaces count characters at an offset with text; the cursor ends after the new text. */
  replace(offset, count, text) {
    this.#checkOffset(offset);
    if (!Number.isInteger(count) || count < 0 || offset + count > this.#text.length) {
      throw new BufferError(`bad count ${count} at offset ${offset}`);
    }
    if (typeof text !== 'string') throw new BufferError('text must be a string');
    if (count === 0 && text === '') return;
    const cursorBefore = this.#cursor;
    const edit = { offset, removed: this.#text.slice(offset, offset + count), inserted: text };
    this.#apply(offset, count, text);
    this.#cursor = offset + text.length;
    this.#record(edit, cursorBefore);
  }

  #apply(offset, count, text) {
    this.#text = this.#text.slice(0, offset) + text + this.#text.slice(offset + count);
  }

  /** Adds an edit to the open transaction, the latest typing run, or a new step. */
  #record(edit, cursorBefore) {
    if (this.#tx) {
      this.#tx.edits.push(edit);
      return;
    }
    const now = this.#now();
    const typing = edit.removed === '' && !edit.inserted.includes('\n');
    const run = typing ? this.#history.latestTyping() : undefined;
    if (run && edit.offset === run.end && now - run.at < this.#coalesceMs) {
      run.edits.push(edit);
      run.end += edit.inserted.length;
      run.at = now;
      run.cursorAfter = this.#cursor;
      return;
    }
    this.#history.push({ edits: [edit], cursorBefore, cursorAfter: this.#cursor, typing, at: now, end: edit.offset + edit.inserted.length });
  }

  /** Types text at the cursor. */
  type(text) {
    this.insert(this.#cursor, text);
  }

  /** Deletes the character before the cursor, if any. */
  backspace() {
    if (this.#cursor > 0) this.delete(this.#cursor - 1, 1);
  }

  #checkOffset(offset) {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.#text.length) {
      throw new BufferError(`offset out of range: ${offset}`);
    }
  }
}
