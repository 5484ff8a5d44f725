// The prices `experiment report --calibration readings` uses: the everyday calibration of the whole data dir, each provider under its windows' plan.
import { readBarInputs, readUsageInputs } from '../ledger/index.js';
import { buildEverydayCalibration, type ProviderCalibration } from '../reports/index.js';
import { loadPriceFile } from './load-price-file.js';

/** Every provider whose readings give a known price, by provider. */
export function readEverydayCalibrations(
  dataDir: string,
  pricesFile: string | undefined,
  confidence: number,
): Map<string, ProviderCalibration> {
  const usage = readUsageInputs(dataDir);
  const result = buildEverydayCalibration(
    { bars: readBarInputs(dataDir), telemetry: usage.telemetry, otel: usage.otel, windows: usage.windows },
    {
      prices: loadPriceFile(pricesFile),
      plans: new Map(),
      since_ms: null,
      until_ms: null,
      timeZone: 'UTC',
      confidence,
      providers: [],
    },
  );
  const known = new Map<string, ProviderCalibration>();
  for (const calibration of result.calibrations)
    if (calibration.price?.usd_per_list_usd) known.set(calibration.provider, calibration.price);
  return known;
}
