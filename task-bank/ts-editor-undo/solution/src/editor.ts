// A plain-text buffer with a cursor and an undo history: the model behind a small editor.
import { clamp } from './clamp.js';

interface Snapshot {
  text: string;
  cursor: number;
}

interface Step {
  before: Snapshot;
  after: Snapshot;
  /** An insert of a word that the next insert at its end may extend. */
  mergeable: boolean;
}

export interface EditorOptions {
  historyLimit?: number;
}

export class Editor {
  private text = '';
  private cursor = 0;
  private readonly undoSteps: Step[] = [];
  private redoSteps: Step[] = [];
  private readonly historyLimit: number;

  constructor(options: EditorOptions = {}) {
    const limit = options.historyLimit ?? 100;
    if (!Number.isInteger(limit) || limit < 0) throw new RangeError('historyLimit must be a whole number >= 0');
    this.historyLimit = limit;
  }

  get value(): string {
    return this.text;
  }

  get position(): number {
    return this.cursor;
  }

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }

  get canRedo(): boolean {
    return this.redoSteps.length > 0;
  }

  moveTo(position: number): void {
    this.cursor = clamp(position, 0, this.text.length);
    this.sealLastStep();
  }

  insert(chunk: string): void {
    if (chunk === '') return;
    const before = this.snapshot();
    this.text = this.text.slice(0, this.cursor) + chunk + this.text.slice(this.cursor);
    this.cursor += chunk.length;
    const word = !/\s/.test(chunk);
    const last = this.undoSteps.at(-1);
    if (word && last?.mergeable && last.after.cursor === before.cursor && last.after.text === before.text) {
      last.after = this.snapshot();
      this.redoSteps = [];
      return;
    }
    this.record({ before, after: this.snapshot(), mergeable: word });
  }

  /** Deletes up to `count` characters before the cursor (backspace). */
  deleteBack(count = 1): void {
    const from = Math.max(0, this.cursor - count);
    if (from === this.cursor) return;
    const before = this.snapshot();
    this.text = this.text.slice(0, from) + this.text.slice(this.cursor);
    this.cursor = from;
    this.record({ before, after: this.snapshot(), mergeable: false });
  }

  undo(): boolean {
    const step = this.undoSteps.pop();
    if (!step) return false;
    this.restore(step.before);
    this.redoSteps.push({ ...step, mergeable: false });
    this.sealLastStep();
    return true;
  }

  redo(): boolean {
    const step = this.redoSteps.pop();
    if (!step) return false;
    this.restore(step.after);
    this.undoSteps.push(step);
    return true;
  }

  private record(step: Step): void {
    this.redoSteps = [];
    this.undoSteps.push(step);
    while (this.undoSteps.length > this.historyLimit) this.undoSteps.shift();
  }

  private sealLastStep(): void {
    const last = this.undoSteps.at(-1);
    if (last) last.mergeable = false;
  }

  private snapshot(): Snapshot {
    return { text: this.text, cursor: this.cursor };
  }

  private restore(snapshot: Snapshot): void {
    this.text = snapshot.text;
    this.cursor = snapshot.cursor;
  }
}
