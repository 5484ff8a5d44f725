import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InventoryError } from '../src/errors.js';
import { Inventory } from '../src/inventory.js';
import { stockReport } from '../src/report.js';

function setup() {
  const clock = { t: 1000 };
  const inv = new Inventory({ now: () => clock.t });
  inv.receive('A', 5);
  return { inv, clock };
}
const code = (c) => (e) => e instanceof InventoryError && e.code === c;

test('reserve holds units and numbers ids in order', () => {
  const { inv } = setup();
  assert.equal(inv.reserve('A', 2), 'res-1');
  assert.equal(inv.reserve('A', 1), 'res-2');
  assert.equal(inv.reserved('A'), 3);
  assert.equal(inv.available('A'), 2);
  assert.equal(inv.onHand('A'), 5);
});
test('reserving more than available throws INSUFFICIENT naming the SKU', () => {
  const { inv } = setup();
  inv.reserve('A', 4);
  assert.throws(() => inv.reserve('A', 2), (e) => code('INSUFFICIENT')(e) && e.message.includes('A'));
  assert.throws(() => inv.reserve('Z', 1), code('INSUFFICIENT'));
});
test('bad quantities and ttl throw BAD_QTY', () => {
  const { inv } = setup();
  assert.throws(() => inv.reserve('A', 0), code('BAD_QTY'));
  assert.throws(() => inv.reserve('A', 1, { ttlMs: 0 }), code('BAD_QTY'));
  assert.throws(() => inv.reserve('A', 1, { ttlMs: 1.5 }), code('BAD_QTY'));
});
test('reservation() describes a reservation', () => {
  const { inv } = setup();
  const a = inv.reserve('A', 2, { ttlMs: 500 });
  const b = inv.reserve('A', 1);
  assert.deepEqual(inv.reservation(a), { id: a, sku: 'A', qty: 2, status: 'active', expiresAt: 1500 });
  assert.deepEqual(inv.reservation(b), { id: b, sku: 'A', qty: 1, status: 'active', expiresAt: null });
  assert.throws(() => inv.reservation('res-99'), (e) => code('UNKNOWN_RESERVATION')(e) && e.message.includes('res-99'));
});
test('commit ships the reserved units', () => {
  const { inv } = setup();
  const id = inv.reserve('A', 2);
  assert.equal(inv.commit(id), 3);
  assert.equal(inv.reserved('A'), 0);
  assert.equal(inv.available('A'), 3);
  assert.equal(inv.reservation(id).status, 'committed');
});
test('release gives the units back', () => {
  const { inv } = setup();
  const id = inv.reserve('A', 2);
  inv.release(id);
  assert.equal(inv.available('A'), 5);
  assert.equal(inv.onHand('A'), 5);
  assert.equal(inv.reservation(id).status, 'released');
});
test('reservations expire at created + ttlMs', () => {
  const { inv, clock } = setup();
  const id = inv.reserve('A', 4, { ttlMs: 500 });
  clock.t = 1499;
  assert.equal(inv.available('A'), 1);
  clock.t = 1500;
  assert.equal(inv.available('A'), 5);
  assert.equal(inv.reservation(id).status, 'expired');
});
test('commit or release of a finished reservation throws NOT_ACTIVE', () => {
  const { inv, clock } = setup();
  const a = inv.reserve('A', 1);
  inv.commit(a);
  assert.throws(() => inv.release(a), (e) => code('NOT_ACTIVE')(e) && e.message.includes(a) && e.message.includes('committed'));
  const b = inv.reserve('A', 1, { ttlMs: 10 });
  clock.t += 10;
  assert.throws(() => inv.commit(b), (e) => code('NOT_ACTIVE')(e) && e.message.includes('expired'));
  assert.equal(inv.onHand('A'), 4);
  assert.throws(() => inv.commit('res-42'), code('UNKNOWN_RESERVATION'));
});
test('ship cannot take reserved units', () => {
  const { inv } = setup();
  inv.reserve('A', 4);
  assert.throws(() => inv.ship('A', 2), code('INSUFFICIENT'));
  assert.equal(inv.ship('A', 1), 4);
});
test('reserve, commit and release are logged', () => {
  const { inv, clock } = setup();
  const a = inv.reserve('A', 2);
  clock.t = 2000;
  inv.commit(a);
  const b = inv.reserve('A', 1);
  inv.release(b);
  assert.deepEqual(inv.events('A').slice(1), [
    { type: 'reserve', sku: 'A', qty: 2, at: 1000, id: 'res-1' },
    { type: 'commit', sku: 'A', qty: 2, at: 2000, id: 'res-1' },
    { type: 'reserve', sku: 'A', qty: 1, at: 2000, id: 'res-2' },
    { type: 'release', sku: 'A', qty: 1, at: 2000, id: 'res-2' },
  ]);
});
test('the report shows reserved and available and flags on available', () => {
  const { inv } = setup();
  inv.reserve('A', 2);
  inv.setReorderPoint('A', 3);
  inv.setReorderPoint('B', 0);
  assert.deepEqual(stockReport(inv), [
    'SKU         ON HAND RESERVED AVAILABLE',
    'A                 5        2         3 REORDER',
    'B                 0        0         0 REORDER',
  ]);
});
