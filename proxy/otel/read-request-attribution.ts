// What an OTLP export's request says about whom it is for: its pinned arm, or the client's x-tracker-* headers.
import type { IncomingHttpHeaders } from 'node:http';

/** What the request itself says: its pinned arm (a run's proxy replaced these headers from the path) or the client's headers. */
export interface OtlpRequestAttribution {
  /** True at a run's proxy, where the arm's base URL fixed the x-tracker-* headers (proxy/server/arm-paths.ts). */
  pinned: boolean;
  window: string | null;
  agent: string | null;
  feature: string | null;
  provider: string | null;
}

export function readRequestAttribution(headers: IncomingHttpHeaders, pinned: boolean): OtlpRequestAttribution {
  const header = (name: string): string | null => {
    const value = headers[name];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  return {
    pinned,
    window: header('x-tracker-window'),
    agent: header('x-tracker-agent'),
    feature: header('x-tracker-feature'),
    provider: header('x-tracker-provider'),
  };
}
