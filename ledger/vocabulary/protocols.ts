// The wire protocols as data: each one's vendor, key header, bar headers and where it keeps the model.

/** The wire protocols the proxy taps and the scripted server answers; a compatible back end speaks one of them. */
export const PROTOCOLS = ['anthropic-messages', 'openai-responses', 'gemini-generate-content', 'code-assist'] as const;
export type ProtocolId = (typeof PROTOCOLS)[number];

/**
 * Each protocol's vendor (the scripted server's account for a model it does not know otherwise) and whether its answers
 * carry the account's bars in their headers, so a one-token probe can read them. The Gemini API sends none (a Google AI
 * plan's limits are requests per day and per minute, shown nowhere in an answer).
 */
const PROTOCOL_FACTS: Readonly<Record<ProtocolId, { vendor: string; account?: string; barHeaders: boolean; keyHeader: KeyHeader }>> = {
  'anthropic-messages': { vendor: 'anthropic', barHeaders: true, keyHeader: 'x-api-key' },
  'openai-responses': { vendor: 'openai', barHeaders: true, keyHeader: 'authorization' },
  'gemini-generate-content': { vendor: 'google', barHeaders: false, keyHeader: 'x-goog-api-key' },
  // Code Assist: the same requests and answers wrapped (model and project beside `request`, each chunk in `response`),
  // what Gemini CLI signed in with Google speaks, its OAuth access token as a bearer (0.61.0, seen on loopback).
  // A Google AI plan is another account than a Gemini API key: the scripted server meters them apart.
  'code-assist': { vendor: 'google', account: 'google-login', barHeaders: false, keyHeader: 'authorization' },
};

/** The headers a back end's key can travel in: Anthropic's, a bearer token, Gemini's. */
export const KEY_HEADERS = ['x-api-key', 'authorization', 'x-goog-api-key'] as const;
export type KeyHeader = (typeof KEY_HEADERS)[number];

/** The header an API key goes in for a protocol (a bearer token in `authorization`). */
export function findProtocolKeyHeader(protocol: ProtocolId): KeyHeader {
  return PROTOCOL_FACTS[protocol].keyHeader;
}

/**
 * Gemini names the model in the path, and streams by the method's name: Gemini CLI 0.61.0 posts
 * `/v1beta/models/<model>:generateContent` and `/v1beta/models/<model>:streamGenerateContent?alt=sse` (seen on loopback).
 */
const GEMINI_MODEL_PATH = /^\/v1(?:beta|alpha)?\/models\/([^/:?]+):(stream)?[gG]enerateContent(?:\?.*)?$/;

/** The model a request's path names and whether the method streams, for a protocol that keeps the model there; else null. */
export function readPathModel(protocol: ProtocolId, path: string): { model: string; stream: boolean } | null {
  if (protocol !== 'gemini-generate-content') return null;
  const match = GEMINI_MODEL_PATH.exec(path);
  if (!match?.[1]) return null;
  try {
    return { model: decodeURIComponent(match[1]), stream: match[2] !== undefined };
  } catch {
    return null; // a broken percent-escape names no model
  }
}

/** The vendor whose API a protocol is (`anthropic`, `openai`, `google`). */
export function findProtocolVendor(protocol: ProtocolId): string {
  return PROTOCOL_FACTS[protocol].vendor;
}

/** The scripted server's account for a model spoken in this protocol that names no provider of its own: its vendor's, or the login's. */
export function findProtocolAccount(protocol: ProtocolId): string {
  return PROTOCOL_FACTS[protocol].account ?? PROTOCOL_FACTS[protocol].vendor;
}

/** Whether a protocol's answers carry bars in their headers (a probe through the proxy can read them). */
export function hasBarHeaders(protocol: ProtocolId): boolean {
  return PROTOCOL_FACTS[protocol].barHeaders;
}
