// One copy of the values windows repeat (agents, plans, subscriptions): 100,000 windows need not hold 100,000 of each.
import { createTextSharer } from '../../kernel/index.js';
import type { ReportWindow } from './report-ledger.js';

/** Past this many distinct values a field is no longer worth sharing (each is then kept as read). */
const MAX_SHARED = 4096;

/**
 * Returns a function that swaps a window's repeated values for the first copy seen of each. JSON.parse gives every
 * row its own copy of a string over 10 characters (an agent id, a plan id) and of every object (the subscription);
 * shared, the viewer's 100,000 windows took 72 -> 59 MB of heap (bench: viewer, ADR 0028). The shared objects are never
 * written to: the reports are pure.
 */
export function createRepeatSharer(): (window: ReportWindow) => ReportWindow {
  const share = createTextSharer(MAX_SHARED);
  const subscriptions = new Map<string, NonNullable<ReportWindow['subscription']>>();
  const tests = new Map<string, NonNullable<ReportWindow['tests']>>();
  return (window) => {
    window.agent_id = share(window.agent_id);
    if (window.plan_id !== undefined) window.plan_id = share(window.plan_id);
    if (window.sequence !== undefined) window.sequence = share(window.sequence);
    if (window.subscription !== undefined) {
      const key = JSON.stringify(window.subscription);
      const seen = subscriptions.get(key);
      if (seen !== undefined) window.subscription = seen;
      else if (subscriptions.size < MAX_SHARED) subscriptions.set(key, window.subscription);
    }
    if (window.tests !== undefined) {
      // Counts repeat from task to task (6/6 and 16/16, resolved): three objects a window otherwise.
      const { fail_to_pass: f, pass_to_pass: p, resolved } = window.tests;
      const key = `${f.passed}/${f.total} ${p.passed}/${p.total} ${resolved}`;
      const seen = tests.get(key);
      if (seen !== undefined) window.tests = seen;
      else if (tests.size < MAX_SHARED) tests.set(key, window.tests);
    }
    return window;
  };
}
