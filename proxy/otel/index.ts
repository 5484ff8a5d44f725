// The OTLP receiver (a sub-face of proxy/): `tracker otel` loads it; the proxy loads its handler only at the first export.
export { startOtelReceiver, type OtelReceiverOptions, type RunningOtelReceiver } from './start-otel-receiver.js';
export { DEFAULT_OTLP_LIMITS, OTLP_LIMIT_ENV, parseLimit as parseOtlpLimit, type OtlpLimits } from './otlp-limits.js';
