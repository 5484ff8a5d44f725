// An in-memory log store: ingests logfmt text, keeps entries in arrival order, counts them.
import { parseLine } from './parse-line.js';
import { compileQuery } from './query.js';

export class LogStore {
  #entries = [];

  /** Adds one parsed entry (an object) or one raw line (a string). Returns the stored entry. */
  append(entryOrLine) {
    const entry = typeof entryOrLine === 'string' ? parseLine(entryOrLine) : { ...entryOrLine };
    this.#entries.push(entry);
    return entry;
  }

  /**
   * Ingests many lines; blank lines are skipped. A bad line does not stop the rest: its
   * 1-based line number and error are returned in `errors`.
   */
  ingest(text) {
    const errors = [];
    let added = 0;
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        this.append(line);
        added++;
      } catch (error) {
        errors.push({ line: index + 1, message: error.message });
      }
    });
    return { added, errors };
  }

  get size() {
    return this.#entries.length;
  }

  /** A copy of every entry, in arrival order. */
  entries() {
    return this.#entries.map((e) => ({ ...e }));
  }

  /** Copies of the entries matching the query, in arrival order; `limit` keeps the last n matches. */
  query(text, options = {}) {
    const matches = compileQuery(text);
    const found = this.#entries.filter(matches);
    const kept = options.limit === undefined ? found : found.slice(Math.max(0, found.length - options.limit));
    return kept.map((e) => ({ ...e }));
  }

  /** Counts entries per value of a field; entries without the field count under "(none)". */
  countBy(field) {
    const counts = {};
    for (const entry of this.#entries) {
      const key = entry[field] ?? '(none)';
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }
}
