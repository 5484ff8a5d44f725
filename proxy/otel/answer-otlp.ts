// One OTLP/HTTP export: read within the caps, unpack, decode, keep the agents' usage rows, answer as the OTLP spec says.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { keepReject } from '../../ledger/index.js';
import { escapeControls } from '../../kernel/index.js';
import type { BodyBudget } from '../server/body-budget.js';
import type { RowQueue } from '../telemetry/telemetry-queue.js';
import {
  decodeOtlpRequest,
  encodeExportAnswer,
  encodeStatus,
  extractLogUsage,
  extractMetricUsage,
  type OtelRefusedItem,
  type OtlpEncoding,
  type OtlpSignal,
} from '../../sources/parsers/otlp/index.js';
import { buildOtelRows } from './build-otel-rows.js';
import type { OtlpRequestAttribution } from './read-request-attribution.js';
import { KEPT_PREFIX_BYTES, MAX_KEPT_REFUSALS, type OtlpLimits } from './otlp-limits.js';
import { readRequestBody } from '../server/read-request-body.js';
import { unpackOtlpBody } from './unpack-otlp-body.js';

/** What every export shares: where rows and rejects go, the caps, and who hears about a refusal. */
export interface OtlpReceiver {
  dataDir: string;
  /** The stamp's agent when neither the arm nor the export names one. */
  agentId: string;
  sink: Pick<RowQueue, 'addOtel' | 'whenWritten'>;
  limits: OtlpLimits;
  bodies: BodyBudget;
  /** One line per refused export or refused records (escaped, already naming what and where); the caller prints it. */
  onRefusal: (line: string) => void;
  /**
   * Refusals still to be told and kept under rejects/ (counted down; start it at MAX_KEPT_REFUSALS). A sandboxed agent
   * can post bad exports to its arm's base URL as fast as it likes: past this, refusals are answered and not kept.
   */
  refusalsLeft: number;
}

/** google.rpc.Code by HTTP status (the OTLP spec does not use the code; clients may log it). */
const RPC_CODE: Record<number, number> = { 400: 3, 404: 5, 405: 12, 408: 4, 413: 8, 415: 3, 503: 14 };
const MEDIA: Record<string, OtlpEncoding> = { 'application/x-protobuf': 'protobuf', 'application/json': 'json' };

export async function answerOtlp(
  receiver: OtlpReceiver,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  signal: OtlpSignal | 'traces',
  attribution: OtlpRequestAttribution,
): Promise<void> {
  const media = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const encoding = MEDIA[media] ?? null;
  const answerIn = encoding ?? 'protobuf';
  // A web page's request: agents' OpenTelemetry exporters send no Origin. Answered, not kept or told.
  if (req.headers.origin !== undefined) {
    req.resume();
    return send(
      res,
      403,
      encodeStatus(
        answerIn,
        7,
        `a request from a web page (Origin ${JSON.stringify(String(req.headers.origin).slice(0, 100))}) is refused: exporters send no Origin`,
      ),
    );
  }
  if (signal === 'traces' || req.method !== 'POST') {
    req.resume();
    const allow: Record<string, string> = signal === 'traces' ? {} : { allow: 'POST' };
    const why =
      signal === 'traces' ? `${path}: traces are not usage; this receiver takes /v1/logs and /v1/metrics` : `${path} takes POST only`;
    return send(res, signal === 'traces' ? 404 : 405, encodeStatus(answerIn, RPC_CODE[signal === 'traces' ? 404 : 405] ?? 2, why), allow);
  }
  const lease = receiver.bodies.openLease();
  try {
    const read = await readRequestBody(req, {
      maxBytes: receiver.limits.maxBodyBytes,
      lease,
      idleMs: receiver.limits.bodyIdleTimeoutMs,
      keepPrefixBytes: KEPT_PREFIX_BYTES,
    });
    // An arm's export names its window: a run keeps going past a hostile arm, and the line says which one it was.
    const from = attribution.window === null ? '' : ` from window ${attribution.window}`;
    const described = `${media || 'no content type'}, ${read.ok ? read.body.length : `${read.declared ?? 'unknown'} declared`} bytes${from}`;
    const refuse = (status: number, reason: string, kept: Buffer | null, headers: Record<string, string> = {}): void => {
      tell(
        receiver,
        path,
        `${status}: ${reason}`,
        kept,
        (where) => `refused an OTLP export to ${path} (${described}): ${status} ${reason}${where}`,
      );
      send(res, status, encodeStatus(answerIn, RPC_CODE[status] ?? 2, reason), headers);
    };
    if (!read.ok) {
      if (read.reason === 'aborted') return;
      if (read.reason === 'overloaded')
        return refuse(503, 'the receiver holds too many request bodies now; retry', null, { 'retry-after': '1' });
      if (read.reason === 'timeout') return refuse(408, 'the body stopped arriving', null, { connection: 'close' });
      const cap = `${receiver.limits.maxBodyBytes} bytes`;
      const kept = read.kept ?? Buffer.alloc(0);
      return refuse(413, `the body is larger than the ${cap} cap (first ${kept.length} bytes kept)`, kept, {
        connection: 'close',
      });
    }
    if (encoding === null)
      return refuse(
        415,
        `content type ${JSON.stringify(media)} is not OTLP/HTTP (expected application/x-protobuf or application/json)`,
        read.body,
      );
    const contentEncoding =
      String(req.headers['content-encoding'] ?? 'identity')
        .trim()
        .toLowerCase() || 'identity';
    if (contentEncoding !== 'identity' && contentEncoding !== 'gzip')
      return refuse(415, `content encoding ${JSON.stringify(contentEncoding)} is not taken (gzip or none)`, read.body);
    const unpacked = await unpackOtlpBody(read.body, contentEncoding, receiver.limits.maxDecodedBytes);
    if (!unpacked.ok) return refuse(unpacked.status, unpacked.reason, read.body);
    const decoded = decodeOtlpRequest(signal, encoding, unpacked.body);
    if (!decoded.ok) return refuse(decoded.too_large ? 413 : 400, decoded.reason, read.body);
    const receivedAt = new Date();
    const extraction =
      decoded.decoded.signal === 'logs'
        ? extractLogUsage(decoded.decoded.request, receivedAt)
        : extractMetricUsage(decoded.decoded.request, receivedAt);
    const built = buildOtelRows(extraction.records, attribution, receiver.agentId);
    const refused = [...extraction.refused, ...built.refused];
    for (const row of built.rows) receiver.sink.addOtel(row);
    const message = refused.length === 0 ? '' : describeRefused(refused, signal);
    if (refused.length > 0)
      tell(
        receiver,
        path,
        `200 partial success: ${message}`,
        read.body,
        (where) => `kept ${built.rows.length} row(s) of an OTLP export to ${path} (${described}) and refused ${message}${where}`,
      );
    // The agent is told only once its rows are written (as a proxied answer waits for its telemetry row).
    await new Promise<void>((resolve) => receiver.sink.whenWritten(resolve));
    send(res, 200, encodeExportAnswer(signal, encoding, refused.length, message));
  } finally {
    lease.release();
  }
}

/**
 * Keeps the body under rejects/ and says one line, while the receiver's allowance lasts; its last one says so. Only
 * the body's first KEPT_PREFIX_BYTES are kept (enough to see what sent it): refused text/plain bodies under the 8 MiB
 * cap were kept whole, 41 MB from 5 requests and up to 800 MB a start; now at most 6.4 MB.
 */
function tell(receiver: OtlpReceiver, path: string, reason: string, body: Buffer | null, line: (where: string) => string): void {
  if (receiver.refusalsLeft <= 0) return;
  receiver.refusalsLeft -= 1;
  const kept = body === null || body.length <= KEPT_PREFIX_BYTES ? body : body.subarray(0, KEPT_PREFIX_BYTES);
  const cut = kept !== body && body !== null ? ` (its first ${KEPT_PREFIX_BYTES} of ${body.length} bytes)` : '';
  const where =
    kept === null
      ? ''
      : `; body kept in rejects/${basename(keepReject(receiver.dataDir, { command: `otel ${path}`, reason, agentId: receiver.agentId, input: kept }))}${cut}`;
  const last =
    receiver.refusalsLeft === 0
      ? ` (the last of ${MAX_KEPT_REFUSALS} this receiver keeps: later refusals are answered, not kept or told)`
      : '';
  receiver.onRefusal(escapeControls(`${line(where)}${last}`));
}

/** `2 log record(s): resourceLogs[0]...: why; ...` (the first three named). */
function describeRefused(refused: OtelRefusedItem[], signal: OtlpSignal): string {
  const named = refused.slice(0, 3).map((item) => `${item.where}: ${item.reason}`);
  const more = refused.length > 3 ? `; and ${refused.length - 3} more` : '';
  return `${refused.length} ${signal === 'logs' ? 'log record(s)' : 'data point(s)'}: ${named.join('; ')}${more}`;
}

function send(
  res: ServerResponse,
  status: number,
  answer: { contentType: string; body: Uint8Array },
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': answer.contentType, 'content-length': String(answer.body.length), ...headers });
  res.end(answer.body);
}
