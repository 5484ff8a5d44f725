// The proxy's telemetry rows as a reader sees them (a sub-face of ledger/).
export { scanTelemetryRows, type TelemetryScan, type TelemetryScanOptions } from './scan-telemetry-rows.js';
