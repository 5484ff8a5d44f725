// The client's side of an answer being passed on: its head written as the upstream's starts, its tap and stream aligner.
import type { ServerResponse } from 'node:http';
import { createUsageTap, isEventStream as isEventStreamType } from '../tap/create-usage-tap.js';
import type { UsageTap } from '../tap/usage-tap.js';
import { EventAligner } from './event-aligner.js';
import { buildClientHeaders } from './filter-headers.js';
import type { ForwardRequest } from './forward-types.js';
import type { TurnWriter } from './turn-writer.js';

export interface OpenedAnswer {
  isEventStream: boolean;
  /** Cuts an event stream at event boundaries (null for a whole body). */
  aligner: EventAligner | null;
  /** Reads the answer's usage (null when the request's API is not tapped). */
  tap: UsageTap | null;
}

/** Starts the client's answer with the upstream's status and headers, and the readers of what follows. */
export function openClientAnswer(
  request: ForwardRequest,
  res: ServerResponse,
  out: TurnWriter,
  statusCode: number,
  headers: Record<string, string | string[] | undefined>,
): OpenedAnswer {
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined;
  // Media types are case-insensitive (RFC 9110 section 8.3.1): `Text/Event-Stream` is a stream too.
  const isEventStream = isEventStreamType(contentType);
  const { kind, guard, now } = request;
  const tap = kind ? createUsageTap(kind, contentType, { now, ...(guard && isEventStream ? { onEvent: guard.onEvent } : {}) }) : null;
  request.tee?.start(statusCode, contentType);
  const clientHeaders = buildClientHeaders(headers);
  // The proxy may end a stream with an error event of its own: let Node frame it (chunked) instead.
  if (isEventStream) delete clientHeaders['content-length'];
  // A stream's headers go out at the end of this turn even if no event follows yet (a client waits for them),
  // and with the first events when those came in the same read: one write instead of two (in two A/B runs at
  // 64 clients, dropping that second write took the proxy from ~45% to ~70% of direct).
  out.corkTurn();
  res.writeHead(statusCode, clientHeaders);
  if (isEventStream) res.flushHeaders();
  return { isEventStream, aligner: isEventStream ? new EventAligner() : null, tap };
}
