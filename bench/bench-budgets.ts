// The budget bench: proxy overhead with budgets on vs off (same run, interleaved), then block-mode overshoot over many runs.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureOverhead, type OverheadPlan, type OverheadResult } from './budget-overhead.js';
import { measureOvershoot, type OvershootPlan, type OvershootResult } from './budget-overshoot.js';

export interface BudgetSettings {
  overhead: OverheadPlan;
  overshoot: OvershootPlan;
}

export interface BudgetBench {
  overhead: OverheadResult | Error;
  overshoot: OvershootResult | Error;
}

const trackerPath = fileURLToPath(new URL('../cli/tracker.js', import.meta.url));

export async function benchBudgets(workDir: string, settings: BudgetSettings): Promise<BudgetBench | { skipped: string }> {
  if (!existsSync(trackerPath)) return { skipped: `tracker CLI not built yet (${trackerPath} is missing)` };
  mkdirSync(workDir, { recursive: true });
  const overhead = await captureError(() => measureOverhead(join(workDir, 'overhead'), settings.overhead));
  const overshoot = await captureError(() => measureOvershoot(join(workDir, 'overshoot'), settings.overshoot));
  return { overhead, overshoot };
}

async function captureError<T>(measure: () => Promise<T>): Promise<T | Error> {
  try {
    return await measure();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
