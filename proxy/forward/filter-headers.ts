// Header rules at the proxy: what reaches the back end, what reaches the client, and what the proxy keeps.
import type { IncomingHttpHeaders } from 'node:http';

/** Hop-by-hop headers (RFC 9110 section 7.6.1) and those the proxy sets itself. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'accept-encoding',
  'expect',
  'x-tracker-auth',
  // Google's APIs (and other frameworks) run a POST as the method these name: a request checked as one method must not
  // reach the back end as another (https://cloud.google.com/apis/docs/http#http_method_override).
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
]);
/** What identifies the client's account: replaced whole when the back end sends its own (a ChatGPT account id included). */
// Gemini's key travels in x-goog-api-key (Gemini CLI 0.61.0, @google/genai): never sent on where the proxy signs in itself.
const CREDENTIALS = new Set(['x-api-key', 'x-goog-api-key', 'authorization', 'chatgpt-account-id']);
const NOT_RETURNED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'trailer', 'upgrade']);

export interface Attribution {
  window: string | null;
  agent: string | null;
  feature: string | null;
  command: string | null;
  subagent: string | null;
  session: string | null;
}

/** What any API's request needs of the client's headers wherever it goes: the body's type and encoding, what it accepts, who sends it. */
const ANY_API_NEEDS = ['content-type', 'content-encoding', 'accept', 'user-agent'];

/**
 * The only client headers a failover back end gets (an allow-list, so a header no one thought of stays behind): those
 * any API needs and the API's own (`apiHeaders`, its protocol's failoverHeaders). A client's cookie, Anthropic's
 * organization id, OpenAI's organization and project, a session or thread id belong to the account it moves away from.
 */
export function allowFailoverHeaders(apiHeaders: readonly string[]): ReadonlySet<string> {
  return new Set([...ANY_API_NEEDS, ...apiHeaders]);
}

/**
 * Builds the upstream request's headers: `x-tracker-*` (read by readAttributionHeaders) are dropped, hop-by-hop ones dropped,
 * `accept-encoding: identity` so the usage tap reads plain SSE, and all the client's credentials replaced by `own`
 * when the back end has its own (a key, or a ChatGPT login): a subscription token must never reach another provider.
 * Without `own` the client's credentials pass through untouched. With `allowed` (a failover back end's), only those of
 * the client's headers are sent.
 */
export function buildUpstreamHeaders(
  incoming: IncomingHttpHeaders,
  bodyLength: number,
  own: Readonly<Record<string, string>> | null,
  allowed: ReadonlySet<string> | null = null,
): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || name.startsWith('x-tracker-') || NOT_FORWARDED.has(name) || (own && CREDENTIALS.has(name))) continue;
    if (allowed && !allowed.has(name)) continue;
    headers[name] = value;
  }
  headers['content-length'] = String(bodyLength);
  headers['accept-encoding'] = 'identity';
  if (own) Object.assign(headers, own);
  return headers;
}

/** The attribution headers alone, for requests the proxy answers before routing them. */
export function readAttributionHeaders(incoming: IncomingHttpHeaders): Attribution {
  const attribution: Attribution = { window: null, agent: null, feature: null, command: null, subagent: null, session: null };
  for (const name in incoming) {
    const value = incoming[name];
    if (value !== undefined && name.startsWith('x-tracker-'))
      readAttribution(attribution, name, decodeHeaderValue(Array.isArray(value) ? value.join(', ') : value));
  }
  for (const name of SESSION_HEADERS) {
    const session = incoming[name];
    if (typeof session === 'string' && session.trim() !== '') {
      attribution.session = decodeHeaderValue(session.trim());
      break;
    }
  }
  return attribution;
}

/**
 * The agent's own session id, first found wins: Claude Code sends X-Claude-Code-Session-Id on every API request
 * (2.1.329); Codex 0.169.0 sends `session-id` (and `thread-id`, the same value: `exec --json`'s thread_id, its OTel
 * conversation.id) to a custom provider and to the ChatGPT back end; `session_id` is the underscore spelling some
 * clients use. Checked against the pinned clients through a header-dumping server.
 */
const SESSION_HEADERS = ['x-claude-code-session-id', 'session-id', 'session_id', 'thread-id'] as const;

/** Bytes 0x80-0xFF, as Node hands them: one character per byte. */
const HIGH_LATIN1 = /[\u0080-\u00ff]/;
const NOT_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * A header value as the UTF-8 text the client sent. Node decodes header bytes as Latin-1 (one
 * character per byte, RFC 9110 section 5.5 leaves other bytes opaque), so "café" arrives as "cafÃ©".
 * Bytes that are not valid UTF-8 keep their Latin-1 reading.
 */
export function decodeHeaderValue(value: string): string {
  if (!HIGH_LATIN1.test(value) || NOT_LATIN1.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : value;
}

function readAttribution(attribution: Attribution, name: string, value: string): void {
  const trimmed = value.trim();
  if (trimmed === '') return;
  switch (name) {
    case 'x-tracker-window':
      attribution.window = trimmed;
      break;
    case 'x-tracker-agent':
      attribution.agent = trimmed;
      break;
    case 'x-tracker-feature':
      attribution.feature = trimmed;
      break;
    case 'x-tracker-command':
      attribution.command = trimmed;
      break;
    case 'x-tracker-subagent':
      attribution.subagent = trimmed;
      break;
    default:
  }
}

/** The upstream's response headers as the client gets them: everything but hop-by-hop ones. */
export function buildClientHeaders(upstream: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const name in upstream) {
    const value = upstream[name];
    if (value !== undefined && !NOT_RETURNED.has(name)) headers[name] = value;
  }
  return headers;
}
