// Formats a cart as a plain-text receipt, one line per entry, amounts right-aligned.
import { formatCents } from './money.js';

const WIDTH = 32;

function row(label, amount) {
  const text = formatCents(amount);
  const space = Math.max(1, WIDTH - label.length - text.length);
  return `${label}${' '.repeat(space)}${text}`;
}

/** The receipt lines: each item, then Subtotal, each discount, Tax and Total. */
export function formatReceipt(cart) {
  const out = [];
  for (const line of cart.lines()) {
    out.push(row(`${line.quantity} x ${line.name}`, line.totalCents));
  }
  const subtotal = cart.subtotal();
  out.push(row('Subtotal', subtotal));
  for (const discount of cart.discounts()) {
    if (discount.amountCents > 0) out.push(row(`Discount ${discount.code}`, -discount.amountCents));
  }
  out.push(row('Tax', cart.taxOn(subtotal - cart.discountTotal())));
  out.push(row('Total', cart.total()));
  return out.join('\n');
}
