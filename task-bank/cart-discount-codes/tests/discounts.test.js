import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cart } from '../src/cart.js';
import { Catalog } from '../src/catalog.js';
import { formatReceipt } from '../src/receipt.js';

function shop(taxPercent = 0) {
  const catalog = new Catalog()
    .addProduct({ sku: 'TEA', name: 'Tea', priceCents: 450, category: 'drinks' })
    .addProduct({ sku: 'MUG', name: 'Mug', priceCents: 1200, category: 'kitchen' })
    .addProduct({ sku: 'COFFEE', name: 'Coffee', priceCents: 900, category: 'drinks' });
  return new Cart(catalog, { taxPercent });
}

test('percent discount takes a share of the subtotal', () => {
  const cart = shop().add('MUG', 2).applyDiscount({ code: 'TEN', type: 'percent', percent: 10 });
  assert.deepEqual(cart.discounts(), [{ code: 'TEN', amountCents: 240 }]);
  assert.equal(cart.discountTotal(), 240);
  assert.equal(cart.total(), 2160);
});
test('fixed discount is capped at the subtotal', () => {
  const cart = shop().add('TEA').applyDiscount({ code: 'BIG', type: 'fixed', cents: 1000 });
  assert.deepEqual(cart.discounts(), [{ code: 'BIG', amountCents: 450 }]);
  assert.equal(cart.total(), 0);
});
test('category discount applies to lines of that category only', () => {
  const cart = shop().add('TEA', 2).add('COFFEE').add('MUG');
  cart.applyDiscount({ code: 'DRINKS', type: 'category', category: 'drinks', percent: 50 });
  assert.deepEqual(cart.discounts(), [{ code: 'DRINKS', amountCents: 900 }]);
});
test('bundle discount frees units per full group', () => {
  const cart = shop().add('TEA', 7).applyDiscount({ code: 'B2G1', type: 'bundle', sku: 'TEA', buy: 2, get: 1 });
  assert.deepEqual(cart.discounts(), [{ code: 'B2G1', amountCents: 900 }]);
  const none = shop().add('MUG').applyDiscount({ code: 'B2G1', type: 'bundle', sku: 'TEA', buy: 2, get: 1 });
  assert.equal(none.discountTotal(), 0);
});
test('amounts follow the current lines', () => {
  const cart = shop().applyDiscount({ code: 'TEN', type: 'percent', percent: 10 });
  assert.equal(cart.discountTotal(), 0);
  cart.add('MUG');
  assert.equal(cart.discountTotal(), 120);
});
test('minSubtotalCents gates a discount', () => {
  const cart = shop().add('TEA').applyDiscount({ code: 'OVER20', type: 'fixed', cents: 300, minSubtotalCents: 2000 });
  assert.equal(cart.discountTotal(), 0);
  cart.add('MUG', 2);
  assert.equal(cart.discountTotal(), 300);
});
test('several discounts apply in order and never exceed the subtotal', () => {
  const cart = shop().add('MUG');
  cart.applyDiscount({ code: 'A', type: 'fixed', cents: 1000 });
  cart.applyDiscount({ code: 'B', type: 'percent', percent: 50 });
  assert.deepEqual(cart.discounts(), [
    { code: 'A', amountCents: 1000 },
    { code: 'B', amountCents: 200 },
  ]);
  assert.equal(cart.total(), 0);
});
test('removeDiscount and duplicate codes', () => {
  const cart = shop().add('MUG').applyDiscount({ code: 'TEN', type: 'percent', percent: 10 });
  assert.throws(() => cart.applyDiscount({ code: 'TEN', type: 'fixed', cents: 5 }), /already applied/);
  cart.removeDiscount('TEN').removeDiscount('NOPE');
  assert.deepEqual(cart.discounts(), []);
  assert.equal(cart.total(), 1200);
});
test('invalid discounts throw RangeError naming the code', () => {
  const cart = shop();
  const bad = [
    { code: 'P0', type: 'percent', percent: 0 },
    { code: 'P101', type: 'percent', percent: 101 },
    { code: 'F', type: 'fixed', cents: 1.5 },
    { code: 'BU', type: 'bundle', sku: 'TEA', buy: 0, get: 1 },
    { code: 'WHAT', type: 'mystery' },
  ];
  for (const d of bad) assert.throws(() => cart.applyDiscount(d), (e) => e instanceof RangeError && e.message.includes(d.code), d.code);
  assert.throws(() => cart.applyDiscount({ type: 'percent', percent: 5 }), RangeError);
});
test('tax is charged on the discounted amount', () => {
  const cart = shop(10).add('MUG').applyDiscount({ code: 'FIVE', type: 'fixed', cents: 200 });
  assert.equal(cart.total(), 1100);
});
test('receipt shows discount rows after the subtotal', () => {
  const cart = shop(10).add('MUG').add('TEA');
  cart.applyDiscount({ code: 'FIVE', type: 'fixed', cents: 150 });
  cart.applyDiscount({ code: 'ZERO', type: 'bundle', sku: 'COFFEE', buy: 1, get: 1 });
  assert.deepEqual(formatReceipt(cart).split('\n'), [
    '1 x Mug                   $12.00',
    '1 x Tea                    $4.50',
    'Subtotal                  $16.50',
    'Discount FIVE             -$1.50',
    'Tax                        $1.50',
    'Total                     $16.50',
  ]);
});
