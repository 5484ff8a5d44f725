// Discount rules: validation and the amount each discount type takes off a cart's lines.
import { percentOf } from './money.js';

const isWhole = (n, min) => Number.isInteger(n) && n >= min;
const isPercent = (n) => typeof n === 'number' && n > 0 && n <= 100;

function fail(discount, problem) {
  throw new RangeError(`discount ${discount?.code ?? '(no code)'}: ${problem}`);
}

/** Throws a RangeError naming the code when the discount is malformed. */
export function validateDiscount(discount) {
  if (!discount || typeof discount.code !== 'string' || discount.code === '') fail(discount, 'code must be a non-empty string');
  if (discount.minSubtotalCents !== undefined && !isWhole(discount.minSubtotalCents, 0)) {
    fail(discount, 'minSubtotalCents must be a whole number >= 0');
  }
  switch (discount.type) {
    case 'percent':
      if (!isPercent(discount.percent)) fail(discount, 'percent must be > 0 and <= 100');
      return;
    case 'fixed':
      if (!isWhole(discount.cents, 1)) fail(discount, 'cents must be a whole number >= 1');
      return;
    case 'category':
      if (typeof discount.category !== 'string') fail(discount, 'category must be a string');
      if (!isPercent(discount.percent)) fail(discount, 'percent must be > 0 and <= 100');
      return;
    case 'bundle':
      if (typeof discount.sku !== 'string') fail(discount, 'sku must be a string');
      if (!isWhole(discount.buy, 1) || !isWhole(discount.get, 1)) fail(discount, 'buy and get must be whole numbers >= 1');
      return;
    default:
      fail(discount, `unknown type ${discount.type}`);
  }
}

/** The uncapped amount a discount takes off, given the cart's lines and subtotal. */
export function discountAmount(discount, lines, subtotal) {
  if (discount.minSubtotalCents !== undefined && subtotal < discount.minSubtotalCents) return 0;
  switch (discount.type) {
    case 'percent':
      return percentOf(subtotal, discount.percent);
    case 'fixed':
      return discount.cents;
    case 'category': {
      const base = lines.filter((l) => l.category === discount.category).reduce((s, l) => s + l.totalCents, 0);
      return percentOf(base, discount.percent);
    }
    case 'bundle': {
      const line = lines.find((l) => l.sku === discount.sku);
      if (!line) return 0;
      return Math.floor(line.quantity / (discount.buy + discount.get)) * discount.get * line.unitCents;
    }
    default:
      return 0;
  }
}
