// Reservation bookkeeping: ids, status transitions and lazy expiry against an injected clock.
import { InventoryError } from './errors.js';

export class ReservationBook {
  #items = new Map();
  #next = 1;
  #now;

  constructor(now) {
    this.#now = now;
  }

  create(sku, qty, ttlMs) {
    const id = `res-${this.#next++}`;
    const expiresAt = ttlMs === undefined ? null : this.#now() + ttlMs;
    this.#items.set(id, { id, sku, qty, status: 'active', expiresAt });
    return id;
  }

  /** The live record, its status brought up to date (an active one past its expiry becomes expired). */
  #lookup(id) {
    const item = this.#items.get(id);
    if (!item) throw new InventoryError('UNKNOWN_RESERVATION', `unknown reservation: ${id}`);
    if (item.status === 'active' && item.expiresAt !== null && this.#now() >= item.expiresAt) item.status = 'expired';
    return item;
  }

  get(id) {
    return { ...this.#lookup(id) };
  }

  /** Moves an active reservation to a final status; returns it. */
  finish(id, status) {
    const item = this.#lookup(id);
    if (item.status !== 'active') {
      throw new InventoryError('NOT_ACTIVE', `reservation ${id} is ${item.status}, not active`);
    }
    item.status = status;
    return { ...item };
  }

  /** Units held by a SKU's active reservations. */
  heldFor(sku) {
    let held = 0;
    for (const id of this.#items.keys()) {
      const item = this.#lookup(id);
      if (item.sku === sku && item.status === 'active') held += item.qty;
    }
    return held;
  }
}
