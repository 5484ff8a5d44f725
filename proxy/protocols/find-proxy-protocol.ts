// The protocols the proxy speaks, by id and by path: the one place the proxy chooses between them.
import type { ProtocolId } from '../../ledger/vocabulary/index.js';
import { ANTHROPIC_MESSAGES } from './anthropic-messages.js';
import { OPENAI_RESPONSES } from './openai-responses.js';
import type { ProxyProtocol } from './proxy-protocol.js';

const PROTOCOLS: Readonly<Record<ProtocolId, ProxyProtocol>> = {
  'anthropic-messages': ANTHROPIC_MESSAGES,
  'openai-responses': OPENAI_RESPONSES,
};

/** The protocol of this id; Anthropic's where none is known (an untapped path, the proxy's own refusals). */
export function findProxyProtocol(id: ProtocolId | null): ProxyProtocol {
  return id === null ? ANTHROPIC_MESSAGES : PROTOCOLS[id];
}

/** The protocol whose answers a path carries, or null for a path no protocol taps. */
export function findTappingProtocol(path: string): ProxyProtocol | null {
  return Object.values(PROTOCOLS).find((protocol) => protocol.taps(path)) ?? null;
}

/** The envelope a path's errors use, tapped or not: the protocol that claims it, else Anthropic's. */
export function findErrorProtocol(path: string): ProxyProtocol {
  return Object.values(PROTOCOLS).find((protocol) => protocol.taps(path) || protocol.ownsErrors(path)) ?? ANTHROPIC_MESSAGES;
}
