// The proxy's OTLP paths: the same receiver as `tracker otel`, behind the proxy's token and, at a run's proxy, the arm's base URL.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchesToken } from '../../kernel/index.js';
import type { OtlpSignal } from '../../sources/parsers/otlp/index.js';
import { countRefusal, UNAUTHORIZED } from '../server/answer-tracker-route.js';
import { ARM_PATH_REQUIRED } from '../server/arm-paths.js';
import type { ProxyRuntime } from '../server/proxy-runtime.js';
import { readRequestAttribution } from './read-request-attribution.js';

/**
 * Never forwarded upstream. A client without the proxy's token, or (at a run's proxy) outside every arm's base URL, is
 * refused and only counted, as an API request would be: it must not be able to write rows or rejects. The decoder and
 * protobufjs load at the first export, so a proxy nobody exports to never loads them.
 */
export async function answerOtlpAtProxy(
  runtime: ProxyRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  signal: OtlpSignal | 'traces',
  /** handleProxyRequest's: true for a request under an open arm path, and for every request of a proxy without arm paths. */
  pinned: boolean,
): Promise<void> {
  const unauthorized = runtime.authToken !== null && !matchesToken(req.headers['x-tracker-auth'], runtime.authToken);
  const armPinned = runtime.armPaths !== null && pinned;
  const unpinned = runtime.armPaths !== null && !pinned;
  if (unauthorized || unpinned) {
    countRefusal(runtime.refusals, unauthorized ? UNAUTHORIZED : ARM_PATH_REQUIRED);
    if (unauthorized) runtime.onUnauthorized('token');
    req.resume();
    const { encodeStatus } = await import('../../sources/parsers/otlp/index.js');
    const answer = unauthorized
      ? encodeStatus('protobuf', 16, 'tracker proxy: missing or wrong x-tracker-auth header')
      : encodeStatus('protobuf', 7, "tracker proxy: this run's proxy takes an arm's OpenTelemetry only at the base URL the runner gave it");
    res.writeHead(unauthorized ? 401 : 403, { 'content-type': answer.contentType, 'content-length': String(answer.body.length) });
    res.end(answer.body);
    return;
  }
  const { answerOtlp } = await import('./answer-otlp.js');
  await answerOtlp(runtime.otlp, req, res, path, signal, readRequestAttribution(req.headers, armPinned));
}
