// Jobs waiting to run, taken by priority (higher first), then run time, then arrival.
import { MinHeap } from './heap.js';

export interface Job {
  id: string;
  priority: number;
  /** Milliseconds since the epoch. */
  runAt: number;
}

interface Entry {
  job: Job;
  seq: number;
}

export class JobQueue {
  private readonly heap = new MinHeap<Entry>(compareEntries);
  private seq = 0;

  add(job: Job): void {
    if (!Number.isInteger(job.priority)) throw new RangeError(`priority must be a whole number: ${job.priority}`);
    this.heap.push({ job, seq: this.seq++ });
  }

  take(): Job | undefined {
    return this.heap.pop()?.job;
  }

  peek(): Job | undefined {
    return this.heap.peek()?.job;
  }

  get size(): number {
    return this.heap.size;
  }

  pending(): Job[] {
    return this.heap.toArray().map((entry) => entry.job);
  }
}

function compareEntries(a: Entry, b: Entry): number {
  return b.job.priority - a.job.priority || a.job.runAt - b.job.runAt || a.seq - b.seq;
}
