// Completions of many windows in typed columns: a map from window key to a row index, no object per window.
import { OUTCOMES, type Outcome } from '../schemas/index.js';

export interface Completion {
  quality: number;
  outcome: Outcome;
  featureId: string | null;
}

/** Grows like an array list; a 460k-window ledger costs a key and three column cells per window. */
export class CompletionTable {
  private readonly index = new Map<string, number>();
  private quality = new Float64Array(1024);
  private outcome = new Uint8Array(1024);
  private readonly featureIds: (string | null)[] = [];

  /** Later completions of the same window replace earlier ones (corrections come after what they correct). */
  set(key: string, completion: Completion): void {
    let row = this.index.get(key);
    if (row === undefined) {
      row = this.featureIds.length;
      this.index.set(key, row);
      this.featureIds.push(null);
      this.ensureCapacity(row + 1);
    }
    this.quality[row] = completion.quality;
    this.outcome[row] = OUTCOMES.indexOf(completion.outcome);
    this.featureIds[row] = completion.featureId;
  }

  /** Returns the completion of a window and forgets it (each window is emitted once). */
  take(key: string): Completion | undefined {
    const row = this.index.get(key);
    if (row === undefined) return undefined;
    this.index.delete(key);
    return { quality: this.quality[row] as number, outcome: OUTCOMES[this.outcome[row] as number] as Outcome, featureId: this.featureIds[row] ?? null };
  }

  private ensureCapacity(size: number): void {
    if (size <= this.quality.length) return;
    const quality = new Float64Array(this.quality.length * 2);
    quality.set(this.quality);
    this.quality = quality;
    const outcome = new Uint8Array(this.outcome.length * 2);
    outcome.set(this.outcome);
    this.outcome = outcome;
  }
}
