// Tests the plan state rules, above all a teammate's run on a shared ledger (not `interrupted`).
import { describe, expect, it } from 'vitest';
import { decidePlanState, ELSEWHERE_MS, type PlanStateFacts } from './decide-plan-state.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const base: PlanStateFacts = {
  lockedHere: false,
  arms: 10,
  done: 4,
  open: 1,
  ended: null,
  shared: false,
  lastFinishedMs: NOW - 60_000,
  nowMs: NOW,
};

describe('decidePlanState', () => {
  it('says running only for a live runner here, and complete, stopped, not-started as before', () => {
    expect(decidePlanState({ ...base, lockedHere: true, shared: true })).toBe('running');
    expect(decidePlanState({ ...base, done: 10 })).toBe('complete');
    expect(decidePlanState({ ...base, ended: 'stopped', shared: true })).toBe('stopped');
    expect(decidePlanState({ ...base, done: 0, open: 0, lastFinishedMs: null })).toBe('not-started');
  });

  it('takes a recent arm on a shared ledger for a run elsewhere; on a file ledger it is interrupted (resume it)', () => {
    expect(decidePlanState({ ...base, shared: true })).toBe('elsewhere');
    expect(decidePlanState(base)).toBe('interrupted');
    expect(decidePlanState({ ...base, shared: true, lastFinishedMs: NOW - ELSEWHERE_MS - 1 })).toBe('interrupted');
    expect(decidePlanState({ ...base, shared: true, lastFinishedMs: null })).toBe('interrupted');
  });
});
