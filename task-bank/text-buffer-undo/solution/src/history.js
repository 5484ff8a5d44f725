// Undo/redo bookkeeping: steps of edits ({ offset, removed, inserted }) with the cursor before and after.
import { BufferError } from './errors.js';

export class History {
  #undo = [];
  #redo = [];
  #max;

  constructor(maxHistory = 100) {
    if (!Number.isInteger(maxHistory) || maxHistory < 1) {
      throw new BufferError(`maxHistory must be a whole number >= 1, got ${maxHistory}`);
    }
    this.#max = maxHistory;
  }

  get canUndo() {
    return this.#undo.length > 0;
  }

  get canRedo() {
    return this.#redo.length > 0;
  }

  /** The latest step if a typing edit may be merged into it, else undefined. */
  latestTyping() {
    const last = this.#undo.at(-1);
    return last?.typing ? last : undefined;
  }

  /** Ends a typing run: the next insert starts a new step. */
  breakRun() {
    const last = this.#undo.at(-1);
    if (last) last.typing = false;
  }

  push(step) {
    this.#undo.push(step);
    if (this.#undo.length > this.#max) this.#undo.shift();
    this.#redo = [];
  }

  popUndo() {
    const step = this.#undo.pop();
    if (step) {
      step.typing = false;
      this.#redo.push(step);
    }
    return step;
  }

  popRedo() {
    const step = this.#redo.pop();
    if (step) this.#undo.push(step);
    return step;
  }

  clear() {
    this.#undo = [];
    this.#redo = [];
  }
}
