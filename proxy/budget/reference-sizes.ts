// What input named by reference (a file id, a previous response, a cached content) weighs, as its upstream reported it.
import type { UsageDelta } from '../../budget/index.js';

/** Sizes kept at most: the oldest is forgotten past it (a long-lived proxy names new responses all day). */
const MAX_KEPT = 10_000;

/**
 * A request that names input instead of sending it (`file_id`, `previous_response_id`, `cachedContent`) costs what the
 * upstream makes of it, which its body does not show. Learned from the upstream's own figures, per back end: a
 * reference weighs the largest prompt (input, cache reads and writes) reported for a request that named it, and a
 * Responses answer streamed here weighs its prompt plus its output (what a request naming it as its previous response
 * sends again). Kept in memory since the proxy started: a restart learns again.
 */
export class ReferenceSizes {
  private readonly sizes = new Map<string, UsageDelta>();

  /** What the named references weigh together as far as known, and the first one not known (null when all are). */
  measure(backend: string | null, named: string[]): { known: UsageDelta; unknown: string | null } {
    const known: UsageDelta = { input: 0, output: 0, cache_read: 0, cache_creation: 0 };
    let unknown: string | null = null;
    for (const name of named) {
      const size = this.sizes.get(keyOf(backend, name));
      if (!size) {
        unknown ??= name;
        continue;
      }
      known.input += size.input;
      known.cache_read += size.cache_read;
      known.cache_creation += size.cache_creation;
    }
    return { known, unknown };
  }

  /** Remembers `prompt` (its input fields) for each name, keeping the larger figure field by field. */
  learn(backend: string | null, named: string[], prompt: UsageDelta): void {
    if (prompt.input + prompt.cache_read + prompt.cache_creation <= 0) return;
    for (const name of named) {
      const key = keyOf(backend, name);
      const before = this.sizes.get(key);
      this.sizes.delete(key);
      this.sizes.set(key, {
        input: Math.max(before?.input ?? 0, prompt.input),
        output: 0,
        cache_read: Math.max(before?.cache_read ?? 0, prompt.cache_read),
        cache_creation: Math.max(before?.cache_creation ?? 0, prompt.cache_creation),
      });
      if (this.sizes.size > MAX_KEPT) this.sizes.delete(this.sizes.keys().next().value as string);
    }
  }
}

/** A file id belongs to one account: the same name on another back end is another file. */
function keyOf(backend: string | null, name: string): string {
  return `${backend ?? ''}\u0000${name}`;
}
