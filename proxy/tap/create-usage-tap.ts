// Picks the usage tap for a response: its protocol's SSE tap for text/event-stream, the JSON body tap otherwise.
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import { createJsonBodyTap } from './json-body-tap.js';
import type { ApiKind, TapOptions, UsageTap } from './usage-tap.js';

export function createUsageTap(kind: ApiKind, contentType: string | undefined, options: TapOptions = {}): UsageTap {
  return isEventStream(contentType) ? findProxyProtocol(kind).createStreamTap(options) : createJsonBodyTap(kind, options);
}

/** True for `text/event-stream`, whatever its case and parameters (`; charset=utf-8`). */
export function isEventStream(contentType: string | undefined): boolean {
  if (typeof contentType !== 'string') return false;
  return contentType.split(';', 1)[0]?.trim().toLowerCase() === 'text/event-stream';
}
