// Tests streamed charges: estimates held in flight, a cut at a block limit, one real charge, and the overshoot.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import type { ChargeContext } from './budget-contract.js';
import { BudgetTracker } from './budget-tracker.js';
import { parseBudgetFlags } from './parse-budget-flags.js';

const ctx = (fields: Partial<ChargeContext> = {}): ChargeContext => ({
  agent: 'main',
  command: '/test',
  provider: 'anthropic',
  window: null,
  feature: null,
  model: 'claude-haiku-4-5',
  ...fields,
});
const usage = (input: number, output: number) => ({ input, output, cache_read: 0, cache_creation: 0 });

describe('StreamCharge', () => {
  it('cuts a stream at a block limit, then charges the real usage once, what passed the limit said in an overshoot', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags(
        { commandBudget: ['/test=1000'], budgetMetric: 'output', budgetMode: 'block', budgetWarnAt: 'none' },
        BUILT_IN_CATALOG,
      ),
    );
    tracker.charge(ctx(), usage(0, 600));
    const stream = tracker.openStream(ctx());
    expect(stream.provisional(100)).toBeNull();
    expect(stream.provisional(250)).toBeNull();
    expect(tracker.usage()[0]).toMatchObject({ used: 600, inFlight: 250 });
    const cut = stream.provisional(400);
    expect(cut).toMatchObject({ type: 'cut', budget: 'command:/test', used: 1000, limit: 1000 });
    expect(stream.isCut).toBe(true);
    expect(stream.provisional(420)).toBeNull();
    // The API's final usage replaces the estimate: 430 output, not 420 + 430, all charged (the log says 430 too).
    const events = stream.settle(usage(5000, 430));
    expect(events.map((event) => [event.type, event.used, event.overshoot ?? null])).toEqual([
      ['exceeded', 1030, null],
      ['overshoot', 1030, 30],
    ]);
    expect(tracker.usage()[0]).toMatchObject({ used: 1030, inFlight: 0 });
    expect(stream.settle(usage(5000, 430))).toEqual([]);
    expect(tracker.usage()[0]?.used).toBe(1030);
    expect(tracker.checkBlocked(ctx())).toMatchObject({ type: 'refused', used: 1030 });
  });

  it('counts what other streams hold in flight when refusing or cutting', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ overallTokenBudget: '1000', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG),
    );
    const first = tracker.openStream(ctx({ agent: 'sub1' }));
    const second = tracker.openStream(ctx({ agent: 'sub2' }));
    expect(first.provisional(700)).toBeNull();
    expect(second.provisional(300)).toMatchObject({ type: 'cut', used: 1000 });
    expect(tracker.checkBlocked(ctx())).toMatchObject({ type: 'refused', used: 1000, detail: '1000 of it in flight' });
    second.abandon();
    expect(tracker.checkBlocked(ctx())).toBeNull();
    expect(first.settle(usage(0, 650))).toEqual([]);
    expect(tracker.usage()[0]).toMatchObject({ used: 650, inFlight: 0 });
  });

  it('tells a reservation that must wait how many requests hold the budget and how much, and charges it nothing', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ overallTokenBudget: '1000', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG),
    );
    const first = tracker.openStream(ctx({ agent: 'sub1' }));
    const second = tracker.openStream(ctx({ agent: 'sub2' }));
    expect(first.reserve(usage(0, 500))).toEqual({ status: 'held' });
    expect(second.reserve(usage(0, 400))).toEqual({ status: 'held' });
    // The budget is held, not spent; the event's `used` is what is charged (0).
    const third = tracker.openStream(ctx({ agent: 'sub3' }));
    expect(third.reserve(usage(0, 200))).toMatchObject({
      status: 'wait',
      held: { requests: 2, reserved: 900, needed: 200 },
      event: { type: 'refused', used: 0, detail: 'held by 2 requests in flight, which reserve 900; this request needs 200' },
    });
    third.abandon();
    second.abandon();
    const again = tracker.openStream(ctx({ agent: 'sub3' }));
    expect(again.reserve(usage(0, 200))).toEqual({ status: 'held' });
    first.settle(usage(0, 100));
    again.settle(usage(0, 150));
    expect(tracker.usage()[0]).toMatchObject({ used: 250, inFlight: 0 });
  });

  it('cuts a stream whose reservation was cut to what was left exactly at the limit, not one event past it', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ overallTokenBudget: '200', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG),
    );
    const stream = tracker.openStream(ctx());
    // max_tokens 4,000 does not fit in 200: the stream holds all 200 that are left.
    expect(stream.reserve(usage(0, 4000))).toEqual({ status: 'held' });
    expect(stream.provisional(190)).toBeNull();
    expect(stream.provisional(200)).toMatchObject({ type: 'cut', used: 200, limit: 200 });
  });

  it('never cuts a stream within its max_tokens and the error of the estimate; past that, with no room left, cuts it', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ overallTokenBudget: '200', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG),
    );
    const first = tracker.openStream(ctx({ agent: 'sub1' }));
    const second = tracker.openStream(ctx({ agent: 'sub2' }));
    expect(first.reserve(usage(0, 100))).toEqual({ status: 'held' });
    expect(second.reserve(usage(0, 100))).toEqual({ status: 'held' });
    // Both reservations together fill the limit: a stream that keeps within its own (max_tokens) is left to end itself,
    // though characters / 4 counts it past them (before, it was cut at 113, the end of its tool call lost).
    expect(first.provisional(90)).toBeNull();
    expect(second.provisional(149)).toBeNull();
    // Past 1.5 times its cap no honest answer's count goes: an upstream that ignores max_tokens, and no room is left.
    expect(second.provisional(151)).toMatchObject({ type: 'cut', used: 251 });
    expect(second.settle(null)).toEqual([]);
    // All of it is charged, as the log records it: what passed the limit is said.
    expect(first.settle(usage(0, 90)).map((event) => [event.type, event.overshoot ?? null])).toEqual([
      ['threshold', null],
      ['exceeded', null],
      ['overshoot', 41],
    ]);
    expect(tracker.usage()[0]).toMatchObject({ used: 241, inFlight: 0 });
  });

  it('lets an upstream past its cap run on only into the room left, which others hold meanwhile', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ overallTokenBudget: '400', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG),
    );
    const first = tracker.openStream(ctx({ agent: 'sub1' }));
    const second = tracker.openStream(ctx({ agent: 'sub2' }));
    first.reserve(usage(0, 100));
    second.reserve(usage(0, 100));
    // 200 are left: the second runs past 1.5 times its cap into them, the first within its own slack takes 50 more.
    expect(second.provisional(180)).toBeNull();
    expect(first.provisional(150)).toBeNull();
    expect(tracker.usage()[0]).toMatchObject({ inFlight: 330 });
    expect(second.provisional(240)).toBeNull();
    expect(second.provisional(250)).toMatchObject({ type: 'cut', used: 400 });
    first.settle(usage(0, 150));
    second.settle(usage(0, 250));
    expect(tracker.usage()[0]).toMatchObject({ used: 400, inFlight: 0 });
  });

  it('cuts a stream without a reservation (no max_tokens known) when its estimate reaches a block limit', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ overallTokenBudget: '200', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG),
    );
    const stream = tracker.openStream(ctx());
    expect(stream.provisional(199)).toBeNull();
    expect(stream.provisional(201)).toMatchObject({ type: 'cut', used: 201 });
  });

  it('does not cut a lone stream that reaches its own max_tokens exactly at the limit', () => {
    const tracker = new BudgetTracker(
      parseBudgetFlags({ overallTokenBudget: '1000', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG),
    );
    const stream = tracker.openStream(ctx());
    expect(stream.reserve(usage(0, 1000))).toEqual({ status: 'held' });
    expect(stream.provisional(1000)).toBeNull();
  });

  it('takes input from message_start in the estimate, never adding a lower figure', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ overallTokenBudget: '10000', budgetMode: 'block' }, BUILT_IN_CATALOG));
    const stream = tracker.openStream(ctx());
    stream.provisional({ input: 9000, output: 1, cache_read: 0, cache_creation: 0 });
    expect(stream.provisional(500)).toBeNull();
    expect(stream.estimated).toEqual(usage(9000, 500));
    expect(stream.provisional(1000)).toMatchObject({ type: 'cut', used: 10000 });
  });

  it('charges the estimate when no final usage came, and says so', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ overallTokenBudget: '100', budgetMetric: 'output' }, BUILT_IN_CATALOG));
    const stream = tracker.openStream(ctx());
    stream.provisional(90);
    const events = stream.settle(null);
    expect(events).toEqual([
      expect.objectContaining({ type: 'threshold', used: 90, detail: "no final usage reported: charged the stream's estimate" }),
    ]);
    expect(tracker.usage()[0]).toMatchObject({ used: 90, inFlight: 0 });
  });

  it('reports threshold and exceeded for a warn budget without cutting', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ overallTokenBudget: '100', budgetMetric: 'output' }, BUILT_IN_CATALOG));
    const stream = tracker.openStream(ctx());
    expect(stream.provisional(150)).toBeNull();
    expect(stream.settle(usage(10, 150)).map((event) => event.type)).toEqual(['threshold', 'exceeded']);
  });

  it('abandons without charging', () => {
    const tracker = new BudgetTracker(parseBudgetFlags({ overallTokenBudget: '100' }, BUILT_IN_CATALOG));
    const stream = tracker.openStream(ctx());
    stream.provisional(50);
    stream.abandon();
    expect(stream.settle(usage(1, 1))).toEqual([]);
    expect(tracker.usage()[0]).toMatchObject({ used: 0, inFlight: 0 });
  });
});
