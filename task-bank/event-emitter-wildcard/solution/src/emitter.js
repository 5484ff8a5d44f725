// Event emitter with once/off, unsubscribe handles and a '*' wildcard.
export class Emitter {
  #map = new Map();

  #check(event, listener) {
    if (typeof event !== 'string' || event === '') throw new TypeError('event must be a non-empty string');
    if (listener !== undefined && typeof listener !== 'function') throw new TypeError('listener must be a function');
  }

  #add(event, listener, once) {
    this.#check(event, listener);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const entry = { listener, once, done: false };
    const list = this.#map.get(event) ?? [];
    list.push(entry);
    this.#map.set(event, list);
    return () => this.#remove(event, entry);
  }

  #remove(event, entry) {
    const list = this.#map.get(event) ?? [];
    const i = list.indexOf(entry);
    if (i === -1) return false;
    list.splice(i, 1);
    return true;
  }

  on(event, listener) {
    return this.#add(event, listener, false);
  }

  once(event, listener) {
    return this.#add(event, listener, true);
  }

  off(event, listener) {
    this.#check(event, listener);
    const entry = (this.#map.get(event) ?? []).find((e) => e.listener === listener);
    return entry === undefined ? false : this.#remove(event, entry);
  }

  #run(event, args) {
    let called = 0;
    for (const entry of [...(this.#map.get(event) ?? [])]) {
      if (entry.once) {
        if (entry.done) continue;
        entry.done = true;
        this.#remove(event, entry);
      }
      entry.listener(...args);
      called++;
    }
    return called;
  }

  emit(event, ...args) {
    this.#check(event);
    if (event === '*') throw new TypeError("cannot emit '*'");
    return this.#run(event, args) + this.#run('*', [event, ...args]);
  }

  listenerCount(event) {
    this.#check(event);
    return (this.#map.get(event) ?? []).length;
  }
}
