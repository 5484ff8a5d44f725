// The arms as typed-array parts: every row reads back as it was packed, across parts, and a query pages as over objects.
import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { ARMS_PER_PART, type ArmPart, createArmPacker, listPartBuffers } from './arm-parts.js';
import type { ArmRow } from './arm-rows.js';
import { ArmTable } from './arm-table.js';
import { queryArmRows } from './query-arm-rows.js';

/** Times as the ledger writes them, and as a hand edit or another tool may (kept as written). */
const ODD_TIMES = ['2026-11-25T00:00:00Z', '2026-11-25T01:00:00.000+00:00', 'not a time'];

function makeRow(index: number): ArmRow {
  const pick = <T>(values: readonly T[]): T => values[index % values.length] as T;
  return {
    // Now and then a long id with characters beyond ASCII (ids are packed as UTF-8, in room grown as needed).
    window_id: `plan-${pick(['a', 'b'])}-${String(index).padStart(6, '0')}${index % 777 === 0 ? `-é✓${'x'.repeat(300)}` : ''}`,
    plan_id: pick(['plan-a', 'plan-b', null]),
    task: pick(['duration-parser', 'semver-range', null, 'ünïcode-task']),
    provider: pick(['claude', 'codex', 'glm']),
    epoch: pick([null, 0, 3]),
    period: pick([1, 2, null]),
    sequence: pick(['AB', 'BA', null]),
    outcome: pick(['success', 'fail', 'infra_error']),
    quality: pick([0, 0.25, 1, 1 / 3]),
    resolved: pick([true, false, null]),
    tests_passed: pick([null, 0, 17]),
    tests_total: pick([null, 22, 22]),
    broken: pick([null, 0, 5]),
    usd: pick([null, 0.123456789, 12.5]),
    tokens: pick([null, 0, 123_456_789_012]),
    duration_ms: pick([null, 0, 61_000]),
    isolation: pick(['bwrap', null]),
    completed_at: index % 101 === 0 ? pick(ODD_TIMES) : new Date(Date.UTC(2026, 10, 1) + index * 997).toISOString(),
    errors: index % 13 === 0 ? [`agent exited 1 (row ${index})`, 'second'] : [],
  };
}

const ROWS = Array.from({ length: ARMS_PER_PART * 2 + 17 }, (_, index) => makeRow(index));

describe('ArmTable', () => {
  it('reads every row back as it was packed, across parts', () => {
    const packer = createArmPacker({ ids: Float64Array.from(ROWS.keys()), times: Float64Array.from(ROWS.keys()) });
    for (const row of ROWS) packer.add(row);
    const parts = packer.finish();
    expect(parts.map((part) => part.count)).toEqual([ARMS_PER_PART, ARMS_PER_PART, 17]);
    const table = new ArmTable();
    for (const part of parts) table.append(part);
    expect(table.count).toBe(ROWS.length);
    for (const [index, row] of ROWS.entries()) expect(table.readRow(index)).toEqual(row);
    // Read out of order too (the part looked up last is not the row's).
    expect(table.readRow(ARMS_PER_PART + 3)).toEqual(ROWS[ARMS_PER_PART + 3]);
    expect(table.readRow(2)).toEqual(ROWS[2]);
    expect(() => table.readRow(ROWS.length)).toThrow(/no arm row/);
  });

  it('reads the same rows from parts moved to another port, the sender left with empty arrays', () => {
    const { port1, port2 } = new MessageChannel();
    for (const count of [0, 1, ARMS_PER_PART, ARMS_PER_PART + 1]) {
      const packer = createArmPacker({ ids: Float64Array.from(ROWS.keys()), times: Float64Array.from(ROWS.keys()) });
      for (const row of ROWS.slice(0, count)) packer.add(row);
      const table = new ArmTable();
      for (const part of packer.finish()) {
        port1.postMessage(part, listPartBuffers(part));
        expect(part.numbers.length + part.ids.length).toBe(0);
        table.append(receiveMessageOnPort(port2)?.message as ArmPart);
      }
      expect(Array.from({ length: table.count }, (_, row) => table.readRow(row))).toEqual(ROWS.slice(0, count));
    }
    port1.close();
  });

  it('filters, sorts and pages as the rows themselves would be', () => {
    const table = ArmTable.fromRows(ROWS);
    for (const sort of ['tokens', 'completed_at', 'task', 'resolved', 'usd', 'window_id', 'outcome', 'isolation', 'epoch'] as const)
      for (const descending of [false, true]) {
        const query = { filter: 'pars', where: { provider: 'codex' }, sort, descending, offset: 40, limit: 25 };
        const expected = ROWS.filter((row) => row.provider === 'codex' && (row.task ?? '').includes('pars'))
          .sort((a, b) => {
            const x = a[sort];
            const y = b[sort];
            const tie = a.window_id.localeCompare(b.window_id);
            if (x === null || y === null) return x === y ? tie : x === null ? 1 : -1;
            const order = typeof x === 'string' ? x.localeCompare(String(y)) : Number(x) - Number(y);
            return order === 0 ? tie : (descending ? -1 : 1) * order;
          })
          .slice(40, 65);
        const page = queryArmRows(table, query);
        expect(page.rows).toEqual(expected);
      }
    expect(queryArmRows(table, { filter: '', where: {}, sort: 'tokens', descending: false, offset: 0, limit: 1 }).choices).toEqual({
      provider: ['claude', 'codex', 'glm'],
      outcome: ['fail', 'infra_error', 'success'],
      plan_id: ['plan-a', 'plan-b'],
    });
  });
});
