// Stock on hand per SKU: receive, reserve and ship, with reorder points and an event log.
import { InventoryError } from './errors.js';
import { EventLog } from './events.js';
import { ReservationBook } from './reservations.js';

function checkQty(qty) {
  if (!Number.isInteger(qty) || qty < 1) throw new InventoryError('BAD_QTY', `quantity must be a whole number >= 1, got ${qty}`);
}

export class Inventory {
  #stock = new Map();
  #reorderPoints = new Map();
  #now;
  #log;
  #reservations;

  /** `now` returns the time in ms (tests inject it). */
  constructor({ now = Date.now } = {}) {
    this.#now = now;
    this.#log = new EventLog(now);
    this.#reservations = new ReservationBook(now);
  }

  /** Adds received units. */
  receive(sku, qty) {
    checkQty(qty);
    this.#stock.set(sku, this.onHand(sku) + qty);
    this.#log.record('receive', sku, qty);
    return this.onHand(sku);
  }

  /** Removes shipped units; throws INSUFFICIENT when not enough are available (unreserved). */
  ship(sku, qty) {
    checkQty(qty);
    const free = this.available(sku);
    if (free < qty) throw new InventoryError('INSUFFICIENT', `cannot ship ${qty} of ${sku}: ${free} available`);
    this.#stock.set(sku, this.onHand(sku) - qty);
    this.#log.record('ship', sku, qty);
    return this.onHand(sku);
  }

  /** Sets a count after a stock-take; the difference is logged as an adjustment. */
  adjust(sku, counted) {
    if (!Number.isInteger(counted) || counted < 0) {
      throw new InventoryError('BAD_QTY', `counted must be a whole number >= 0, got ${counted}`);
    }
    const delta = counted - this.onHand(sku);
    this.#stock.set(sku, counted);
    this.#log.record('adjust', sku, delta);
    return counted;
  }

  onHand(sku) {
    return this.#stock.get(sku) ?? 0;
  }

  /** Holds units for an order; returns the reservation id. */
  reserve(sku, qty, options = {}) {
    checkQty(qty);
    const { ttlMs } = options;
    if (ttlMs !== undefined && (!Number.isInteger(ttlMs) || ttlMs < 1)) {
      throw new InventoryError('BAD_QTY', `ttlMs must be a whole number >= 1, got ${ttlMs}`);
    }
    const free = this.available(sku);
    if (free < qty) throw new InventoryError('INSUFFICIENT', `cannot reserve ${qty} of ${sku}: ${free} available`);
    const id = this.#reservations.create(sku, qty, ttlMs);
    this.#log.record('reserve', sku, qty, { id });
    return id;
  }

  reserved(sku) {
    return this.#reservations.heldFor(sku);
  }

  available(sku) {
    return this.onHand(sku) - this.reserved(sku);
  }

  reservation(id) {
    return this.#reservations.get(id);
  }

  /** Ships a reservation's units. */
  commit(id) {
    const { sku, qty } = this.#reservations.finish(id, 'committed');
    this.#stock.set(sku, this.onHand(sku) - qty);
    this.#log.record('commit', sku, qty, { id });
    return this.onHand(sku);
  }

  /** Gives a reservation's units back. */
  release(id) {
    const { sku, qty } = this.#reservations.finish(id, 'released');
    this.#log.record('release', sku, qty, { id });
  }

  /** The level at or below which a SKU should be reordered. */
  setReorderPoint(sku, level) {
    this.#reorderPoints.set(sku, level);
  }

  reorderPoint(sku) {
    return this.#reorderPoints.get(sku) ?? 0;
  }

  /** Every SKU ever received or given a reorder point, sorted. */
  skus() {
    return [...new Set([...this.#stock.keys(), ...this.#reorderPoints.keys()])].sort();
  }

  /** The event log (receive, ship, adjust, reserve, commit, release), optionally for one SKU. */
  events(sku) {
    return this.#log.list(sku);
  }
}
