// Orders the mutations a synthesis tries (seeded, the kinds taken in turn) and keeps two tasks from ever sharing a site.
import seedrandom from 'seedrandom';
import { shuffle } from '../plan/build-plan.js';
import { describeSite, MUTATION_KINDS, type Mutation } from './mutation.js';

/**
 * The same seed and the same mutations give the same order. Each kind is shuffled on its own and the kinds are taken in
 * turn (in a seeded order), so a bank gets every kind the code offers rather than mostly operators, the most common.
 */
export function orderCandidates(mutations: readonly Mutation[], seed: string): Mutation[] {
  const random = seedrandom(`synthesize:${seed}`);
  const sorted = [...mutations].sort(
    (a, b) => a.path.localeCompare(b.path) || a.start - b.start || a.end - b.end || a.kind.localeCompare(b.kind),
  );
  const queues = shuffle(MUTATION_KINDS, random).map((kind) =>
    shuffle(
      sorted.filter((mutation) => mutation.kind === kind),
      random,
    ),
  );
  const ordered: Mutation[] = [];
  for (let round = 0; ordered.length < sorted.length; round += 1)
    for (const queue of queues) {
      const next = queue[round];
      if (next !== undefined) ordered.push(next);
    }
  return ordered;
}

/** The byte range of a file a task's mutation changed. */
export interface TakenSite {
  path: string;
  start: number;
  end: number;
  /** `path:line:column` (describeSite). */
  site: string;
}

/**
 * The sites of the tasks kept so far (this synthesis and the bank's earlier ones). A mutation is refused when it starts
 * where a kept one starts, or when its edit overlaps a kept edit: a condition inverted around an operator another task
 * changed, a statement dropped from a function whose body another task removed. Either would be the same bug twice.
 */
export class SiteLedger {
  private readonly taken: TakenSite[] = [];

  constructor(earlier: readonly TakenSite[] = []) {
    this.taken.push(...earlier);
  }

  /** The kept site this mutation shares or overlaps, or undefined when it is free. */
  findClash(mutation: Mutation): TakenSite | undefined {
    const site = describeSite(mutation);
    return this.taken.find(
      (taken) => taken.site === site || (taken.path === mutation.path && mutation.start < taken.end && taken.start < mutation.end),
    );
  }

  take(mutation: Mutation): void {
    this.taken.push({ path: mutation.path, start: mutation.start, end: mutation.end, site: describeSite(mutation) });
  }
}
