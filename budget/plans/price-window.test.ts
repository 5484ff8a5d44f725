// The dollars a window cost: the binding bar's share of the plan's monthly price.
import { describe, expect, it } from 'vitest';
import { priceWindow, WINDOWS_PER_MONTH } from './price-window.js';

const MAX = { plan: 'claude-max-20x', usd_per_month: 200 };

describe('priceWindow', () => {
  it('prices 1% of the week at price / 4.348 / 100 when the week binds', () => {
    const price = priceWindow(MAX, { five_hour: 5, weekly: 1 });
    // 5% of a 5h window: 200 / 146.1 * 0.05 = 0.0684; 1% of the week: 200 / 4.348 * 0.01 = 0.46.
    expect(price).toEqual({ usd: (200 / WINDOWS_PER_MONTH.weekly) * 0.01, binding: 'weekly' });
    expect((price as { usd: number }).usd).toBeCloseTo(0.45998, 4);
  });

  it('takes the 5-hour bar when it costs more, and the one bar there is when only one is', () => {
    expect(priceWindow(MAX, { five_hour: 50, weekly: 1 })).toMatchObject({ binding: 'five_hour' });
    expect(priceWindow(MAX, { five_hour: 2, weekly: null })).toEqual({
      usd: (200 / WINDOWS_PER_MONTH.five_hour) * 0.02,
      binding: 'five_hour',
    });
  });

  it('says why when it cannot price the window', () => {
    expect(priceWindow(null, { five_hour: 2, weekly: 1 })).toEqual({ usd: null, reason: 'no plan recorded for the window' });
    expect(priceWindow(MAX, { five_hour: null, weekly: null })).toMatchObject({ usd: null });
  });

  it('a window that moved no bar costs nothing', () => {
    expect(priceWindow(MAX, { five_hour: 0, weekly: 0 })).toEqual({ usd: 0, binding: 'five_hour' });
  });
});
