// A preview builder's saved state, taken back by a new builder, goes on to the same preview as one builder that saw every view.
import { describe, expect, it } from 'vitest';
import type { WindowView } from '../../ledger/index.js';
import { createPreviewBuilder } from './build-preview.js';

function makeView(index: number, delta: number, quality: number | null): WindowView {
  return {
    agentId: index % 2 === 0 ? 'main' : 'bob',
    provider: index % 3 === 0 ? 'codex' : 'claude',
    windowId: `w${index}`,
    before: null,
    after: null,
    capacity: { unit: 'pct_5h', before: 10, after: 10 + delta, delta },
    errors: [],
    completed: true,
    source: 'manual',
    quality,
    outcome: 'success',
    featureId: null,
  };
}

// An infinite efficiency (quality over a delta of 1e-320) makes the statistics n/a: the state must carry that too.
const views = Array.from({ length: 40 }, (_, index) =>
  makeView(index, index === 7 ? 1e-320 : (index % 9) + 1, index % 5 === 0 ? null : index / 40),
);
const counts = { anomalies: 2, unreadableRows: 0 };

describe('createPreviewBuilder save and restore', () => {
  it('continues from a saved state as if it had never stopped', () => {
    const whole = createPreviewBuilder({ recent: 5, filter: { agentId: 'main' } });
    for (const view of views) whole.add(view);
    const first = createPreviewBuilder({ recent: 5, filter: { agentId: 'main' } });
    for (const view of views.slice(0, 25)) first.add(view);
    const saved = first.save();
    const second = createPreviewBuilder({ recent: 5, filter: { agentId: 'main' } });
    expect(second.restore(saved)).toBe(true);
    for (const view of views.slice(25)) second.add(view);
    expect(second.finish(counts)).toEqual(whole.finish(counts));
  });

  it('refuses the state of another filter or length, and anything else', () => {
    const saved = createPreviewBuilder({ recent: 5 }).save();
    expect(createPreviewBuilder({ recent: 6 }).restore(saved)).toBe(false);
    expect(createPreviewBuilder({ recent: 5, filter: { provider: 'codex' } }).restore(saved)).toBe(false);
    expect(createPreviewBuilder({ recent: 5 }).restore({ ...saved, version: 0 })).toBe(false);
    expect(createPreviewBuilder({ recent: 5 }).restore(null)).toBe(false);
    expect(createPreviewBuilder({ recent: 5 }).restore({ ...saved, shown: [null] })).toBe(false);
    expect(createPreviewBuilder({ recent: 5 }).restore({ ...saved, providers: undefined })).toBe(false);
    expect(createPreviewBuilder({ recent: 5 }).restore(saved)).toBe(true);
  });

  it('carries the providers it saw, whatever its filter (a --provider typo is told apart from a provider with no new window)', () => {
    const first = createPreviewBuilder({ recent: 2, filter: { provider: 'codex' } });
    for (const view of views.slice(0, 4)) first.add(view);
    const second = createPreviewBuilder({ recent: 2, filter: { provider: 'codex' } });
    second.restore(first.save());
    expect([...second.providersSeen].sort()).toEqual(['claude', 'codex']);
  });

  it('keeps its state apart from later adds', () => {
    const builder = createPreviewBuilder({ recent: 3 });
    builder.add(views[1] as WindowView);
    const saved = builder.save();
    builder.add(views[2] as WindowView);
    expect(saved.total).toBe(1);
    expect(saved.tallies[0]?.stats.n).toBe(1);
  });
});
