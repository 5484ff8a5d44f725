// Reads a request body for the transcript, in its protocol's shape: its conversation, the tools offered, and a key for it.
import type { TurnMessage } from '../../ledger/evidence/index.js';
import { redactAndCut } from '../../ledger/evidence/index.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import { redactKnownKeys } from '../server/redact-known-keys.js';
import type { ApiKind } from '../tap/usage-tap.js';
import { asRecord } from './response-draft.js';

export interface RequestConversation {
  /** The whole conversation as sent (clients resend it every turn), not yet converted. */
  messages: unknown[];
  tools: string[];
  /** Tells one conversation from another in a session (the main agent from a sub-agent): its first message's text. */
  firstText: string;
}

/** The conversation and tools as the request's protocol keeps them (its TranscriptReader); null for a body that is not JSON. */
export function readRequestConversation(kind: ApiKind, body: Buffer): RequestConversation | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const request = asRecord(parsed);
  if (!request) return null;
  const { messages, tools } = findProxyProtocol(kind).transcript.readRequest(request);
  const first = messages[0] === undefined ? null : convertMessage(kind, messages[0], Number.POSITIVE_INFINITY);
  return { messages, tools, firstText: first ? JSON.stringify(first.message.blocks).slice(0, 4096) : '' };
}

/** One message as a TurnMessage, each text redacted (`secrets` by value, then keys by shape) then cut to `cap` bytes. */
export function convertMessage(
  kind: ApiKind,
  value: unknown,
  cap: number,
  secrets: readonly string[] = [],
): { message: TurnMessage; truncated: boolean } {
  const item = asRecord(value) ?? {};
  let truncated = false;
  const cut = (text: string): string => {
    if (!Number.isFinite(cap)) return text;
    const result = redactAndCut(redactKnownKeys(text, secrets), cap);
    truncated ||= result.truncated;
    return result.text;
  };
  const message = findProxyProtocol(kind).transcript.readMessage(item, cut);
  return { message, truncated };
}
