// The protocols the proxy speaks, by id and by path: the one place the proxy chooses between them.
import type { ProtocolId } from '../../ledger/vocabulary/index.js';
import { ANTHROPIC_MESSAGES } from './anthropic-messages.js';
import { CODE_ASSIST } from './code-assist.js';
import { GEMINI_GENERATE_CONTENT } from './gemini-generate-content.js';
import { OPENAI_RESPONSES } from './openai-responses.js';
import type { ProxyProtocol } from './proxy-protocol.js';

const PROTOCOLS: Readonly<Record<ProtocolId, ProxyProtocol>> = {
  'anthropic-messages': ANTHROPIC_MESSAGES,
  'openai-responses': OPENAI_RESPONSES,
  'gemini-generate-content': GEMINI_GENERATE_CONTENT,
  'code-assist': CODE_ASSIST,
};

/** The protocol of this id; Anthropic's where none is known (an untapped path, the proxy's own refusals). */
export function findProxyProtocol(id: ProtocolId | null): ProxyProtocol {
  return id === null ? ANTHROPIC_MESSAGES : PROTOCOLS[id];
}

/** The protocol whose answers a path carries, or null for a path no protocol taps. */
export function findTappingProtocol(path: string): ProxyProtocol | null {
  return Object.values(PROTOCOLS).find((protocol) => protocol.taps(path)) ?? null;
}

/** True for a path some protocol forwards without tapping. */
export function isPassedPath(path: string): boolean {
  return Object.values(PROTOCOLS).some((protocol) => protocol.passes(path));
}

/** The envelope a path's errors use, tapped or not: the protocol that claims it, else Anthropic's. */
export function findErrorProtocol(path: string): ProxyProtocol {
  // The protocol that taps the path first: `/v1/models/<m>:generateContent` is Gemini's, though OpenAI owns `/v1/models`.
  return findTappingProtocol(path) ?? Object.values(PROTOCOLS).find((protocol) => protocol.ownsErrors(path)) ?? ANTHROPIC_MESSAGES;
}
