// Window keys as latin1 bytes in shared typed arrays: a hash table either thread probes with no string per row.

/** The buffers of a finished table, to hand to another thread: shared, or transferred when not shareable. */
export interface SharedKeys {
  slots: Int32Array;
  hashes: Int32Array;
  starts: Int32Array;
  arena: Uint8Array;
  count: number;
  /** Keys with a character above U+00FF (never written by the ledger; possible by hand), by index. */
  wide: Map<string, number>;
}

const INITIAL_KEYS = 1024;
/** Room for a key of typical length (`agent","provider":"p","window_id":"w` is some 70 bytes). */
const BYTES_PER_KEY = 72;

/** FNV-1a (32 bits): its start value and prime, for callers that hash bytes as they walk them. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/**
 * FNV-1a over bytes[start, end), going on from `hash`. Callers choose which bytes make a key's hash (the
 * table only stores and compares it); the key's bytes themselves are always compared in full.
 */
export function hashKeyBytes(bytes: Uint8Array, start: number, end: number, hash = FNV_OFFSET): number {
  let value = hash;
  for (let i = start; i < end; i += 1) value = Math.imul(value ^ (bytes[i] as number), FNV_PRIME);
  return value | 0;
}

/** The same over the character codes of text[start, end) (latin1 text hashes as its bytes). */
export function hashKeyText(text: string, start: number, end: number, hash = FNV_OFFSET): number {
  let value = hash;
  for (let i = start; i < end; i += 1) value = Math.imul(value ^ text.charCodeAt(i), FNV_PRIME);
  return value | 0;
}

/**
 * Open addressing with linear probing over `slots` (index + 1; 0 is empty), keys in insertion order in
 * `arena`. Indexes are dense and never change, so callers keep per-key columns of their own. The buffers are
 * SharedArrayBuffers unless `shareable` is false, so a finished table can be probed from a worker thread
 * without a copy; a table that only moves to another thread once uses plain buffers it can transfer.
 */
export class KeyTable {
  private slots: Int32Array;
  private hashes: Int32Array;
  /** Key i is arena[starts[i], starts[i + 1]). */
  private starts: Int32Array;
  private arena: Uint8Array;
  private count = 0;
  private readonly wide: Map<string, number>;
  private readonly viewArena: () => Buffer;
  private readonly allocate: (bytes: number) => ArrayBufferLike;
  /** A string key's characters as bytes, to probe with (reused from call to call). */
  private scratch = new Uint8Array(256);

  /**
   * A table over `shared` buffers (another thread's), or a new one with room for about `expectedKeys`: growing
   * copies every buffer and leaves the old ones as garbage, so a good guess saves memory (untouched room costs none).
   */
  constructor(options: { shared?: SharedKeys; expectedKeys?: number; shareable?: boolean } = {}) {
    const { shared } = options;
    const room = 2 ** Math.ceil(Math.log2(Math.max(INITIAL_KEYS, (options.expectedKeys ?? 0) + 1)));
    this.allocate = options.shareable === false ? (bytes) => new ArrayBuffer(bytes) : (bytes) => new SharedArrayBuffer(bytes);
    this.slots = shared?.slots ?? this.allocateInt32(room * 2);
    this.hashes = shared?.hashes ?? this.allocateInt32(room);
    this.starts = shared?.starts ?? this.allocateInt32(room + 1);
    this.arena = shared?.arena ?? new Uint8Array(this.allocate(room * BYTES_PER_KEY));
    this.count = shared?.count ?? 0;
    this.wide = shared?.wide ?? new Map();
    let view: Buffer | undefined;
    let viewed: Uint8Array | undefined;
    this.viewArena = () => {
      if (viewed !== this.arena) {
        viewed = this.arena;
        view = Buffer.from(this.arena.buffer, this.arena.byteOffset, this.arena.byteLength);
      }
      return view as Buffer;
    };
  }

  get size(): number {
    return this.count;
  }

  /** The index of bytes[start, end) as a key, or -1; `hash` as the key was added with (all bytes by default). */
  findBytes(bytes: Uint8Array, start: number, end: number, hash = hashKeyBytes(bytes, start, end)): number {
    return this.probe(bytes, start, end, hash);
  }

  /** The index of `key`, or -1. */
  find(key: string, hash?: number): number {
    if (!this.copyToScratch(key)) return this.wide.get(key) ?? -1;
    return this.probe(this.scratch, 0, key.length, hash ?? hashKeyBytes(this.scratch, 0, key.length));
  }

  /** The index here of key `index` of `other`, added at the end if it is new (its hash is reused, not taken again). */
  addFrom(other: KeyTable, index: number): number {
    const start = other.starts[index] as number;
    const end = other.starts[index + 1] as number;
    if (start === end) return this.add(other.readKey(index), other.hashes[index]);
    return this.addBytes(other.arena, start, end, other.hashes[index] as number);
  }

  /** The index of `key`, added at the end if it is new; `hash` as for findBytes. */
  add(key: string, hash?: number): number {
    if (!this.copyToScratch(key)) return this.addWide(key);
    return this.addBytes(this.scratch, 0, key.length, hash ?? hashKeyBytes(this.scratch, 0, key.length));
  }

  /** The key at `index` as text (latin1: the ledger's keys are ASCII). */
  readKey(index: number): string {
    const start = this.starts[index] as number;
    const end = this.starts[index + 1] as number;
    if (start === end) for (const [key, at] of this.wide) if (at === index) return key;
    return this.viewArena().toString('latin1', start, end);
  }

  /** The buffers as they are now; the table must not grow afterwards (a grown table has new buffers). */
  share(): SharedKeys {
    return { slots: this.slots, hashes: this.hashes, starts: this.starts, arena: this.arena, count: this.count, wide: this.wide };
  }

  private probe(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return -1;
      const index = entry - 1;
      if (this.hashes[index] !== hash) continue;
      const at = this.starts[index] as number;
      if ((this.starts[index + 1] as number) - at !== length) continue;
      let same = true;
      for (let i = 0; i < length && same; i += 1) same = this.arena[at + i] === bytes[start + i];
      if (same) return index;
    }
  }

  /** The index of bytes[start, end) as a key, added at the end if it is new; `hash` as for findBytes. */
  addBytes(bytes: Uint8Array, start: number, end: number, hash = hashKeyBytes(bytes, start, end)): number {
    const found = this.probe(bytes, start, end, hash);
    if (found !== -1) return found;
    const index = this.claimIndex(hash, end - start);
    // Keys are short: a loop beats making a subarray for set().
    const at = (this.starts[index] as number) - start;
    for (let i = start; i < end; i += 1) this.arena[at + i] = bytes[i] as number;
    this.placeSlot(index, hash);
    return index;
  }

  /** Writes the key's characters into `scratch`; false when one is above U+00FF (no byte key can equal it). */
  private copyToScratch(key: string): boolean {
    if (key.length > this.scratch.length) this.scratch = new Uint8Array(key.length * 2);
    for (let i = 0; i < key.length; i += 1) {
      const code = key.charCodeAt(i);
      if (code > 0xff) return false;
      this.scratch[i] = code;
    }
    return true;
  }

  private addWide(key: string): number {
    const known = this.wide.get(key);
    if (known !== undefined) return known;
    // An empty span in the arena: byte probes never match it, readKey finds the text in `wide`.
    const index = this.claimIndex(0, 0);
    this.wide.set(key, index);
    return index;
  }

  /** Reserves the next index with `length` arena bytes, growing the buffers when full. */
  private claimIndex(hash: number, length: number): number {
    const index = this.count;
    if (index + 1 >= this.hashes.length) this.growKeys();
    const at = this.starts[index] as number;
    while (at + length > this.arena.length) this.arena = copyInto(new Uint8Array(this.allocate(this.arena.length * 2)), this.arena);
    this.hashes[index] = hash;
    this.starts[index + 1] = at + length;
    this.count = index + 1;
    return index;
  }

  private allocateInt32(length: number): Int32Array {
    return new Int32Array(this.allocate(length * 4));
  }

  private placeSlot(index: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = index + 1;
  }

  /** Doubles the per-key arrays and rehashes: slots stay at least twice the keys, so probes stay short. */
  private growKeys(): void {
    const capacity = this.hashes.length * 2;
    this.hashes = copyInto(this.allocateInt32(capacity), this.hashes);
    this.starts = copyInto(this.allocateInt32(capacity + 1), this.starts);
    this.slots = this.allocateInt32(capacity * 2);
    // Wide keys live only in the map: they take no slot.
    const wide = new Set(this.wide.values());
    for (let index = 0; index < this.count; index += 1) if (!wide.has(index)) this.placeSlot(index, this.hashes[index] as number);
  }
}

function copyInto<T extends Int32Array | Uint8Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
