// The OTLP/HTTP paths the proxy and `tracker otel` answer themselves (never forwarded to a model API).
import type { OtlpSignal } from '../../sources/parsers/otlp/index.js';

/** OTLP/HTTP's default paths (OTLP spec, "OTLP/HTTP Request"); traces are answered 404, never sent upstream. */
export const OTLP_PATHS: Readonly<Record<string, OtlpSignal | 'traces'>> = {
  '/v1/logs': 'logs',
  '/v1/metrics': 'metrics',
  '/v1/traces': 'traces',
};

/** The signal of an OTLP path, or null for any other path. */
export function readOtlpPath(path: string): OtlpSignal | 'traces' | null {
  return Object.hasOwn(OTLP_PATHS, path) ? (OTLP_PATHS[path] ?? null) : null;
}
