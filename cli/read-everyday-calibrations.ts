// The prices `experiment report --calibration readings` uses: the everyday calibration of the whole data dir, each provider under its windows' plan.
import { readBarInputs, readUsageInputs } from '../ledger/index.js';
import { buildEverydayCalibration, mapRealAccounts, type ProviderCalibration } from '../reports/index.js';
import { loadPriceFile } from './load-price-file.js';

/**
 * Every provider whose readings give a known price, by provider. A run's provider is priced from its account's readings
 * (a `codex-chatgpt` arm from the ChatGPT account your own Codex reads as `codex`: mapRealAccounts), the run's and
 * your everyday readings joined in one series.
 */
export function readEverydayCalibrations(
  dataDir: string,
  pricesFile: string | undefined,
  confidence: number,
): Map<string, ProviderCalibration> {
  const usage = readUsageInputs(dataDir);
  const accounts = mapRealAccounts(usage.windows, []);
  const result = buildEverydayCalibration(
    { bars: readBarInputs(dataDir), telemetry: usage.telemetry, otel: usage.otel, readings: usage.readings, windows: usage.windows },
    {
      prices: loadPriceFile(pricesFile),
      plans: new Map(),
      since_ms: null,
      until_ms: null,
      timeZone: 'UTC',
      confidence,
      providers: [],
      accounts,
    },
  );
  const known = new Map<string, ProviderCalibration>();
  for (const calibration of result.calibrations)
    if (calibration.price?.usd_per_list_usd) known.set(calibration.provider, calibration.price);
  for (const [provider, account] of accounts) {
    const price = known.get(account);
    if (price) known.set(provider, price);
  }
  return known;
}
