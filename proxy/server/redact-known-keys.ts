// Hides key values, found by value, in whatever text the proxy keeps (an upstream may echo a client's key back).
// kernel/secrets/redact-secrets.ts catches keys by their shape when a row is written; this catches the proxy's own
// configured keys and the client's credentials whatever their shape.
import type { IncomingHttpHeaders } from 'node:http';

/** Shorter values are not treated as keys: redacting them would mangle ordinary text. */
const MIN_SECRET_LENGTH = 8;
export const REDACTED = '[redacted]';

/** The key values one request must never leave in telemetry: the proxy's back-end keys and token, and the client's own credentials. */
export function collectSecrets(configured: Iterable<string>, authToken: string | null, incoming: IncomingHttpHeaders): string[] {
  const secrets = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value !== 'string') return;
    const trimmed = value.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) secrets.add(trimmed);
  };
  for (const key of configured) add(key);
  add(authToken);
  add(incoming['x-api-key']);
  add(incoming['x-goog-api-key']);
  const authorization = incoming.authorization;
  if (typeof authorization === 'string') add(authorization.replace(/^\s*(bearer|basic)\s+/i, ''));
  // A ChatGPT login's account id goes with its token (Codex sends it as chatgpt-account-id): kept out of rows as well.
  add(incoming['chatgpt-account-id']);
  return sortLongestFirst(secrets);
}

/** The secrets plus values the back end sends of its own (a key, a ChatGPT login), in the order redaction needs. */
export function addSecrets(secrets: readonly string[], more: readonly string[]): string[] {
  return sortLongestFirst(new Set([...secrets, ...more.map((value) => value.trim()).filter((value) => value.length >= MIN_SECRET_LENGTH)]));
}

/** Longest first, so a key that contains a shorter one is hidden whole. */
function sortLongestFirst(secrets: Set<string>): string[] {
  return [...secrets].sort((a, b) => b.length - a.length);
}

/** The text with every secret in it replaced by "[redacted]". */
export function redactKnownKeys(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (result.includes(secret)) result = result.replaceAll(secret, REDACTED);
  return result;
}

/** Redacts every string field of a flat row in place (the row is the proxy's own, not yet queued). */
export function redactRowStrings<T extends object>(row: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return row;
  const fields = row as Record<string, unknown>;
  for (const name of Object.keys(fields)) {
    const value = fields[name];
    if (typeof value === 'string') fields[name] = redactKnownKeys(value, secrets);
  }
  return row;
}
