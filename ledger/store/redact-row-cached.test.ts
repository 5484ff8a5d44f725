// redactRowCached gives what redactRow gives, whatever it remembered before.
import { describe, expect, it } from 'vitest';
import { redactRow } from '../../kernel/index.js';
import { redactRowCached } from './redact-row-cached.js';

const rows: unknown[] = [
  { model: 'claude-sonnet-4-5', nested: { auth: 'Authorization: Bearer abcdefghijklmnop', list: ['x-api-key=abc123', 1, null, true] } },
  { model: 'claude-sonnet-4-5', note: 'ghp_abcdefghijklmnopqrstuvwxyz', key: '0123456789abcdef0123456789abcdef.ABCDEFGHIJKLMNOP' },
  'sk-ant-api03-abcdefghijklmnop at the top',
  [{ path: '/v1/messages' }, 'plain'],
  { model: 'claude-sonnet-4-5', path: '/v1/messages', n: 3 },
];

describe('redactRowCached', () => {
  it('returns the same as redactRow for rows with and without secrets, first time and again', () => {
    for (let pass = 0; pass < 2; pass += 1) for (const row of rows) expect(redactRowCached(row)).toEqual(redactRow(row));
  });

  it('copies the row instead of handing the caller its own object back', () => {
    const row = { model: 'm', bars: { five_hour: { used_pct: 1 } } };
    const copy = redactRowCached(row);
    expect(copy).toEqual(row);
    expect(copy).not.toBe(row);
    expect(copy.bars).not.toBe(row.bars);
  });
});
