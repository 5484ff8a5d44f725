// Malformed requests sent on raw sockets: what an attack pass sent the viewer, and their kin.
import { connect } from 'node:net';

/** Sends `raw` as is and returns the status line's code, or 'closed' when the server hung up without one. */
export function sendRaw(port: number, raw: string): Promise<number | 'closed'> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(raw.slice(0, 60))} in 5 s`)));
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) socket.destroy();
    });
    socket.on('close', () => {
      const code = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve(code === undefined ? 'closed' : Number(code));
    });
    socket.on('error', (error) => (answer === '' && !/ECONNRESET|EPIPE/.test(error.message) ? reject(error) : undefined));
    socket.write(raw, 'latin1');
  });
}

export const formatRequest = (target: string, headers = 'Host: 127.0.0.1', method = 'GET'): string =>
  `${method} ${target} HTTP/1.1\r\n${headers}\r\nConnection: close\r\n\r\n`;

/**
 * What the attack pass sent and what the same class of request can carry. With `token`, the
 * requests that are not about authentication present it, so they reach the handlers behind the auth check.
 */
export function buildMalformedRequests(port: number, token: string | null): Array<[string, string]> {
  const cookie = `tracker_view_${port}`;
  const host = `Host: 127.0.0.1${token === null ? '' : `\r\nX-Tracker-Auth: ${token}`}`;
  const request = (target: string, headers = host, method = 'GET'): string => formatRequest(target, headers, method);
  return [
    ['//', request('//')],
    ['//x:99999/', request('//x:99999/')],
    ['//[::1', request('//[::1')],
    ['///api/runs', request('///api/runs')],
    ['//evil.example/api/runs', request('//evil.example/api/runs')],
    ['absolute-form', request('http://evil.example/api/runs')],
    ['asterisk', request('*', undefined, 'OPTIONS')],
    ['bad escape in the arm id', request('/api/arm/%E0%A4%A')],
    ['lone % in the arm id', request('/api/arm/%')],
    ['NUL in the arm id', request('/api/arm/%00')],
    ['dot segments', request('/api/arm/..%2F..%2Fetc%2Fpasswd')],
    ['bad escape in a query', request('/api/arms?q=%E0%A4%A&offset=%ZZ')],
    ['huge offset', request('/api/arms?offset=99999999999999999999999')],
    ['bad thresholds', request('/api/bars?thresholds=%FF,-1,NaN')],
    ['long arm id', request(`/api/arm/${'a'.repeat(8_000)}`)],
    ['bad cookie escape', request('/api/runs', `Host: 127.0.0.1\r\nCookie: ${cookie}=%E0%A4%A`)],
    ['empty cookie parts', request('/api/runs', 'Host: 127.0.0.1\r\nCookie: =;;; =%;a')],
    ['token with a bad escape', request('/?token=%E0%A4%A')],
    ['two auth headers', request('/api/runs', 'Host: 127.0.0.1\r\nX-Tracker-Auth: a\r\nX-Tracker-Auth: b')],
    ['IPv6 Host without its bracket', request('/', 'Host: [::1')],
    ['empty Host', request('/', 'Host: ')],
    ['no Host', 'GET / HTTP/1.0\r\n\r\n'],
    ['Host with a bad port', request('/', 'Host: 127.0.0.1:99999999')],
    ['POST with a body', `POST /api/runs HTTP/1.1\r\n${host}\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`],
    ['CONNECT', request('127.0.0.1:22', undefined, 'CONNECT')],
    ['upgrade', request('/api/events', `${host}\r\nUpgrade: websocket\r\nConnection: Upgrade`)],
    ['not HTTP', 'hello\r\n\r\n'],
    ['control characters in the target', request('/\x1b[2J\x07')],
  ];
}
