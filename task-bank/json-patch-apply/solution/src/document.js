// A JSON document addressed by JSON Pointers, with a version that counts changes and change listeners.
import { deepClone } from './clone.js';
import { DocumentError } from './errors.js';
import { applyPatch } from './patch.js';
import { formatPointer, parsePointer } from './pointer.js';

/** Walks tokens from the root; returns { found, value }. Array tokens must be canonical indices. */
export function resolve(root, tokens) {
  let node = root;
  for (const token of tokens) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= node.length) return { found: false };
      node = node[Number(token)];
    } else if (node !== null && typeof node === 'object' && Object.hasOwn(node, token)) {
      node = node[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: node };
}

export class Document {
  #root;
  #version = 0;
  #listeners = [];

  constructor(value = {}) {
    this.#root = deepClone(value);
  }

  get version() {
    return this.#version;
  }

  /** A copy of the value at the pointer; throws DocumentError when nothing is there. */
  get(pointer = '') {
    const found = resolve(this.#root, parsePointer(pointer));
    if (!found.found) throw new DocumentError('no value at', pointer);
    return deepClone(found.value);
  }

  has(pointer) {
    return resolve(this.#root, parsePointer(pointer)).found;
  }

  /**
   * Sets an existing value, or a new member of an existing object. The parent must exist; an array slot must exist.
   * Bumps the version and tells the listeners.
   */
  set(pointer, value) {
    const tokens = parsePointer(pointer);
    if (tokens.length === 0) {
      this.#root = deepClone(value);
    } else {
      const parent = resolve(this.#root, tokens.slice(0, -1));
      const last = tokens.at(-1);
      if (!parent.found || parent.value === null || typeof parent.value !== 'object') {
        throw new DocumentError('no parent for', pointer);
      }
      if (Array.isArray(parent.value) && !resolve(parent.value, [last]).found) throw new DocumentError('no array slot', pointer);
      parent.value[Array.isArray(parent.value) ? Number(last) : last] = deepClone(value);
    }
    this.#changed([{ op: 'set', path: formatPointer(tokens) }]);
  }

  /** Applies a JSON Patch atomically: all operations or none; one version and one notice per changing patch. */
  applyPatch(ops) {
    const next = applyPatch(this.#root, ops);
    const changes = ops
      .filter((o) => o.op !== 'test')
      .map((o) => (o.op === 'move' || o.op === 'copy' ? { op: o.op, path: o.path, from: o.from } : { op: o.op, path: o.path }));
    if (changes.length === 0) return this.#version;
    this.#root = next;
    this.#changed(changes);
    return this.#version;
  }

  /** Calls fn({ version, changes }) after every change; returns a function that unsubscribes. */
  onChange(fn) {
    this.#listeners.push(fn);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== fn);
    };
  }

  toJSON() {
    return deepClone(this.#root);
  }

  #changed(changes) {
    this.#version++;
    for (const listener of this.#listeners) listener({ version: this.#version, changes });
  }
}
