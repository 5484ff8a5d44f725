// Which account a request or reading belongs to, as a stable name that reveals nothing of the credential it came from.
import { createHash } from 'node:crypto';

/**
 * SHA-256 of a fixed label, the kind of identifier and its value, cut to 40 bits: the same account always gets the
 * same name (two terminals, two days, the proxy and the status line), the name gives back neither a key nor an
 * organization id, and 40 bits keep a person's few accounts apart (a collision among 10 accounts: about 1 in 10^10).
 * `kind` keeps an organization id and a key that happened to be equal apart.
 */
export function fingerprintAccount(kind: 'organization' | 'chatgpt-account' | 'key', value: string): string {
  return `acct-${createHash('sha256').update(`agent-tracker account\u0000${kind}\u0000${value}`, 'utf8').digest('hex').slice(0, 10)}`;
}

/**
 * The account a proxied exchange spent, from what the vendor or the request says, in this order: Anthropic's
 * `anthropic-organization-id` response header ("the ID of the organization that the API key or access token used in
 * the request belongs to", Anthropic's API docs, added 2025-02-10: the same for every refreshed OAuth token of one
 * login), ChatGPT's `chatgpt-account-id` request header (Codex on a ChatGPT login), then a key that does not rotate
 * (`x-api-key`, `x-goog-api-key`, a bearer that is neither an OAuth access token nor a JWT). Null when none tells:
 * a rotating token's fingerprint would call one account many.
 */
export function findExchangeAccount(
  request: Readonly<Record<string, string | string[] | undefined>>,
  response: Readonly<Record<string, string | string[] | undefined>> | null,
): string | null {
  const organization = readOne(response?.['anthropic-organization-id']);
  if (organization) return fingerprintAccount('organization', organization);
  const chatgpt = readOne(request['chatgpt-account-id']);
  if (chatgpt) return fingerprintAccount('chatgpt-account', chatgpt);
  const key = readOne(request['x-api-key']) ?? readOne(request['x-goog-api-key']) ?? readStableBearer(readOne(request.authorization));
  return key ? fingerprintAccount('key', key) : null;
}

/**
 * The account an agent's own OpenTelemetry row belongs to, from the identity its CLI attaches: Claude Code's
 * `organization.id` (the same organization Anthropic names in `anthropic-organization-id`, so the proxy, the status
 * line and the telemetry agree; Claude Code's utils/telemetryAttributes.ts adds it to every event and metric when
 * signed in with OAuth), then Codex's `user.account_id` (codex-rs/otel's OtelManager: the ChatGPT account id the
 * `chatgpt-account-id` header carries). Looked for on the row's attributes, then its resource's. Null when neither
 * is there (an API key, an older CLI): such rows are never given to an account.
 */
export function findOtelAccount(...attributeSets: readonly Readonly<Record<string, unknown>>[]): string | null {
  for (const [name, kind] of OTEL_ACCOUNT_ATTRIBUTES)
    for (const attributes of attributeSets) {
      const value = attributes[name];
      if (typeof value === 'string' && value.trim() !== '') return fingerprintAccount(kind, value.trim());
    }
  return null;
}

const OTEL_ACCOUNT_ATTRIBUTES = [
  ['organization.id', 'organization'],
  ['user.account_id', 'chatgpt-account'],
] as const;

/** A bearer worth naming an account by: not Anthropic's OAuth access token (`sk-ant-oat…`) nor a JWT, both rotate. */
function readStableBearer(header: string | null): string | null {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
  if (token === null || token.startsWith('sk-ant-oat') || /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/.test(token)) return null;
  return token;
}

function readOne(value: string | string[] | undefined): string | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : null;
}
