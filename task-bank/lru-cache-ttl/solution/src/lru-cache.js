// LRU cache with optional TTL; a Map keeps insertion order, so re-inserting marks recency.
export class LruCache {
  #map = new Map();
  #max;
  #ttl;
  #now;

  constructor({ max, ttlMs, now = Date.now } = {}) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be an integer >= 1');
    this.#max = max;
    this.#ttl = ttlMs;
    this.#now = now;
  }

  #expired(entry) {
    return this.#ttl !== undefined && this.#now() >= entry.at + this.#ttl;
  }

  #live(key) {
    const entry = this.#map.get(key);
    if (entry === undefined) return undefined;
    if (this.#expired(entry)) {
      this.#map.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key, value) {
    this.#map.delete(key);
    this.#map.set(key, { value, at: this.#now() });
    while (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value);
    return this;
  }

  get(key) {
    const entry = this.#live(key);
    if (entry === undefined) return undefined;
    this.#map.delete(key);
    this.#map.set(key, entry);
    return entry.value;
  }

  has(key) {
    return this.#live(key) !== undefined;
  }

  delete(key) {
    return this.#map.delete(key);
  }

  keys() {
    return [...this.#map.keys()].filter((k) => this.#live(k) !== undefined);
  }

  get size() {
    return this.keys().length;
  }
}
