import { describe, expect, it } from 'vitest';
import { evaluateG2 } from './evaluate-g2.js';

describe('evaluateG2', () => {
  it('is not evaluable without a task bank', () => {
    expect(evaluateG2(null)).toMatchObject({
      status: 'not-evaluable',
      summary: 'not evaluable: no backlog given (experiment report --tasks DIR)',
    });
  });

  it('counts ready tasks blocked only by capacity and flips at two', () => {
    const one = [
      { task_id: 'a', status: 'ready', blocked_by: ['capacity'] },
      { task_id: 'b', status: 'ready', blocked_by: ['capacity', 'tooling'] },
      { task_id: 'c', status: 'draft', blocked_by: ['capacity'] },
      { task_id: 'd', status: 'ready' },
    ];
    expect(evaluateG2(one)).toMatchObject({ status: 'fail', counted: ['a'] });
    expect(evaluateG2([...one, { task_id: 'e', status: 'ready', blocked_by: ['provider-capacity'] }])).toMatchObject({
      status: 'pass',
      counted: ['a', 'e'],
    });
  });
});
