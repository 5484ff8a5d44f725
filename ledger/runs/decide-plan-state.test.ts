// Tests the plan state rules, above all a teammate's run on a shared ledger (not `interrupted`).
import { describe, expect, it } from 'vitest';
import { ageOutPlanState, decideEnded, decidePlanState, ELSEWHERE_MS, type PlanStateFacts } from './decide-plan-state.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const base: PlanStateFacts = {
  lockedHere: false,
  arms: 10,
  done: 4,
  open: 1,
  ended: null,
  shared: false,
  lastFinishedAt: new Date(NOW - 60_000).toISOString(),
  nowMs: NOW,
};

describe('decidePlanState', () => {
  it('says running only for a live runner here, and complete, stopped, not-started as before', () => {
    expect(decidePlanState({ ...base, lockedHere: true, shared: true })).toBe('running');
    expect(decidePlanState({ ...base, done: 10 })).toBe('complete');
    expect(decidePlanState({ ...base, ended: 'stopped', shared: true })).toBe('stopped');
    expect(decidePlanState({ ...base, done: 0, open: 0, lastFinishedAt: null })).toBe('not-started');
  });

  it('takes a recent arm on a shared ledger for a run elsewhere; on a file ledger it is interrupted (resume it)', () => {
    expect(decidePlanState({ ...base, shared: true })).toBe('elsewhere');
    expect(decidePlanState(base)).toBe('interrupted');
    expect(decidePlanState({ ...base, shared: true, lastFinishedAt: new Date(NOW - ELSEWHERE_MS - 1).toISOString() })).toBe('interrupted');
    expect(decidePlanState({ ...base, shared: true, lastFinishedAt: null })).toBe('interrupted');
  });

  it('ages a run elsewhere out to interrupted once its last arm is 30 minutes old (a view read earlier)', () => {
    const last = new Date(NOW - 60_000).toISOString();
    expect(ageOutPlanState('elsewhere', last, NOW)).toBe('elsewhere');
    expect(ageOutPlanState('elsewhere', last, NOW + ELSEWHERE_MS)).toBe('interrupted');
    expect(ageOutPlanState('running', last, NOW + ELSEWHERE_MS)).toBe('running');
  });

  it("takes a teammate's stop rule row on a shared ledger for the run's end, unless an arm finished after it", () => {
    const stop = { ts: '2026-11-25T11:50:00.000Z', reason: 'sequential: sim-codex is ahead' };
    const facts = { record: null, stop, shared: true, armsLeft: true, lastFinished: '2026-11-25T11:49:00.000Z' };
    expect(decideEnded(facts)).toEqual({ ended: 'stopped', stoppedBy: stop.reason });
    expect(decideEnded({ ...facts, lastFinished: '2026-11-25T11:55:00.000Z' })).toEqual({ ended: null, stoppedBy: null });
    expect(decideEnded({ ...facts, shared: false })).toEqual({ ended: null, stoppedBy: null });
    expect(decideEnded({ ...facts, armsLeft: false })).toEqual({ ended: null, stoppedBy: null });
    // This machine's own record comes first.
    expect(decideEnded({ ...facts, record: { state: 'failed', stopped_by: 'podman missing' } })).toEqual({
      ended: 'failed',
      stoppedBy: 'podman missing',
    });
  });
});
