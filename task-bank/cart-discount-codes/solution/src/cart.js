// A shopping cart over a catalog: lines of SKU and quantity, with a subtotal in cents.
import { discountAmount, validateDiscount } from './discounts.js';
import { percentOf } from './money.js';

export class Cart {
  #catalog;
  #lines = new Map();
  #taxPercent;
  #discounts = [];

  constructor(catalog, { taxPercent = 0 } = {}) {
    this.#catalog = catalog;
    this.#taxPercent = taxPercent;
  }

  /** Adds quantity of a SKU (merging with an existing line). */
  add(sku, quantity = 1) {
    if (!Number.isInteger(quantity) || quantity < 1) {
      throw new RangeError(`add: quantity must be a whole number >= 1, got ${quantity}`);
    }
    this.#catalog.getProduct(sku);
    this.#lines.set(sku, (this.#lines.get(sku) ?? 0) + quantity);
    return this;
  }

  /** Sets a line's quantity; 0 removes the line. */
  setQuantity(sku, quantity) {
    if (!Number.isInteger(quantity) || quantity < 0) {
      throw new RangeError(`setQuantity: quantity must be a whole number >= 0, got ${quantity}`);
    }
    if (quantity === 0) return this.remove(sku);
    this.#catalog.getProduct(sku);
    this.#lines.set(sku, quantity);
    return this;
  }

  /** The number of units across all lines. */
  itemCount() {
    let count = 0;
    for (const quantity of this.#lines.values()) count += quantity;
    return count;
  }

  /** Removes a SKU's line entirely; removing an absent SKU is a no-op. */
  remove(sku) {
    this.#lines.delete(sku);
    return this;
  }

  /** The cart's lines in insertion order, with product details and line totals. */
  lines() {
    return [...this.#lines].map(([sku, quantity]) => {
      const product = this.#catalog.getProduct(sku);
      return {
        sku,
        name: product.name,
        category: product.category,
        quantity,
        unitCents: product.priceCents,
        totalCents: product.priceCents * quantity,
      };
    });
  }

  subtotal() {
    return this.lines().reduce((sum, line) => sum + line.totalCents, 0);
  }

  /** Tax on an amount at the cart's rate. */
  taxOn(cents) {
    return percentOf(cents, this.#taxPercent);
  }

  /** Adds a discount after validating it; codes are unique. */
  applyDiscount(discount) {
    validateDiscount(discount);
    if (this.#discounts.some((d) => d.code === discount.code)) {
      throw new Error(`discount ${discount.code} is already applied`);
    }
    this.#discounts.push({ ...discount });
    return this;
  }

  removeDiscount(code) {
    this.#discounts = this.#discounts.filter((d) => d.code !== code);
    return this;
  }

  /** Each discount's amount in the order applied, capped so the sum never exceeds the subtotal. */
  discounts() {
    const lines = this.lines();
    const subtotal = lines.reduce((sum, line) => sum + line.totalCents, 0);
    let left = subtotal;
    return this.#discounts.map((discount) => {
      const amountCents = Math.min(left, discountAmount(discount, lines, subtotal));
      left -= amountCents;
      return { code: discount.code, amountCents };
    });
  }

  discountTotal() {
    return this.discounts().reduce((sum, d) => sum + d.amountCents, 0);
  }

  /** Subtotal less discounts, plus tax on the discounted amount. */
  total() {
    const discounted = this.subtotal() - this.discountTotal();
    return discounted + this.taxOn(discounted);
  }
}
