// The resource attributes that name an arm in a CLI's OpenTelemetry export, from its attribution headers.

const ATTRIBUTES: Record<string, string> = {
  'x-tracker-window': 'tracker.window_id',
  'x-tracker-provider': 'tracker.provider',
  'x-tracker-feature': 'tracker.feature_id',
  'x-tracker-agent': 'tracker.agent_id',
};

/**
 * `key=value,...` as the OpenTelemetry SDKs read OTEL_RESOURCE_ATTRIBUTES (the spec's W3C Baggage-like format: values
 * percent-encoded, so a "," or "=" in one cannot start another pair).
 */
export function formatResourceAttributes(headers: Record<string, string>): string {
  return Object.entries(headers)
    .filter(([name]) => ATTRIBUTES[name.toLowerCase()] !== undefined)
    .map(([name, value]) => `${ATTRIBUTES[name.toLowerCase()]}=${encodeURIComponent(value)}`)
    .sort()
    .join(',');
}
