// The prices `experiment report` uses by default: the calibration of every reading of the data dir, each provider under its windows' plan.
import { readBarInputs, readUsageInputs } from '../ledger/index.js';
import { buildEverydayCalibration, mapRealAccounts, type ProviderCalibration, selectPlanPrices } from '../reports/index.js';
import { resolveLoginPlans } from '../budget/logins/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import { loadPriceFile } from './load-price-file.js';
import { loadPlanTable } from './resolve-subscriptions.js';

/**
 * Every provider whose readings give a known price, by provider. A run's provider is priced from its account's readings
 * (a `codex-chatgpt` arm from the ChatGPT account your own Codex reads as `codex`: mapRealAccounts), the run's and
 * your everyday readings joined in one series.
 */
export function readEverydayCalibrations(
  dataDir: string,
  catalog: ProviderCatalog,
  pricesFile: string | undefined,
  confidence: number,
): Map<string, ProviderCalibration> {
  const usage = readUsageInputs(dataDir);
  const accounts = mapRealAccounts(usage.windows, []);
  const result = buildEverydayCalibration(
    { bars: readBarInputs(dataDir), telemetry: usage.telemetry, otel: usage.otel, readings: usage.readings, windows: usage.windows },
    {
      prices: loadPriceFile(catalog, pricesFile),
      plans: new Map(),
      logins: resolveLoginPlans(loadPlanTable(catalog, undefined), dataDir),
      since_ms: null,
      until_ms: null,
      timeZone: 'UTC',
      confidence,
      providers: [],
      accounts,
    },
  );
  return selectPlanPrices(result.calibrations, accounts);
}
