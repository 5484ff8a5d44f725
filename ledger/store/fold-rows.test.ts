import { describe, expect, it } from 'vitest';
import { collectDeadIds, foldRows } from './fold-rows.js';

describe('foldRows', () => {
  it('drops retracted rows and the retraction itself', () => {
    const rows = [
      { id: 'a', kind: 'snapshot' },
      { id: 'b', kind: 'snapshot' },
      { id: 'r', kind: 'retraction', target_id: 'a' },
    ];
    expect(foldRows(rows).map((row) => row.id)).toEqual(['b']);
  });

  it('replaces a corrected row with its correction', () => {
    const rows = [
      { id: 'a', kind: 'window' },
      { id: 'a2', kind: 'window', supersedes: 'a' },
    ];
    expect(foldRows(rows).map((row) => row.id)).toEqual(['a2']);
    expect([...collectDeadIds(rows)]).toEqual(['a']);
  });

  it('keeps a retraction of an unknown id harmless', () => {
    expect(foldRows([{ id: 'x', kind: 'retraction', target_id: 'nope' }])).toEqual([]);
  });
});
