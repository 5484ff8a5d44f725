// Names an upstream transport failure for telemetry and picks the API error the client gets instead.
import type { ProxyErrorType } from '../protocols/proxy-protocol.js';

export interface UpstreamFailure {
  /** For telemetry's error_type. */
  kind: 'upstream_unreachable' | 'upstream_timeout' | 'upstream_reset' | 'upstream_error';
  status: number;
  apiType: ProxyErrorType;
  message: string;
}

export function describeUpstreamFailure(error: Error, backendName: string): UpstreamFailure {
  const code = (error as { code?: string }).code ?? '';
  const detail = code || error.message;
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'EHOSTUNREACH' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return {
      kind: 'upstream_unreachable',
      status: 502,
      apiType: 'api_error',
      message: `tracker proxy: back end ${backendName} is unreachable (${detail})`,
    };
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return {
      kind: 'upstream_timeout',
      status: 504,
      apiType: 'timeout_error',
      message: `tracker proxy: back end ${backendName} timed out (${detail})`,
    };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return {
      kind: 'upstream_reset',
      status: 502,
      apiType: 'api_error',
      message: `tracker proxy: back end ${backendName} closed the connection (${detail})`,
    };
  }
  return {
    kind: 'upstream_error',
    status: 502,
    apiType: 'api_error',
    message: `tracker proxy: back end ${backendName} failed (${detail})`,
  };
}
