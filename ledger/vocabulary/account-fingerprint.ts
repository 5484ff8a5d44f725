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
