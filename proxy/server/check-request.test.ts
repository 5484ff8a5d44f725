// Tests the proxy's own refusals: token, unknown paths, and dot segments in any spelling.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkRequest } from './check-request.js';

const req = (headers: Record<string, string> = {}) => ({ headers }) as unknown as IncomingMessage;

describe('checkRequest', () => {
  it('serves the APIs and passes other /v1 paths through', () => {
    expect(checkRequest(req(), '/v1/messages', null)).toEqual({ ok: true, kind: 'anthropic-messages' });
    expect(checkRequest(req(), '/v1/responses', null)).toEqual({ ok: true, kind: 'openai-responses' });
    expect(checkRequest(req(), '/v1/models', null)).toEqual({ ok: true, kind: null });
    expect(checkRequest(req(), '/v1/files/file..name', null)).toMatchObject({ ok: true });
    expect(checkRequest(req(), '/v1/files/a%2Eb', null)).toMatchObject({ ok: true });
    expect(checkRequest(req(), '/v1/messages%3Fbeta', null)).toMatchObject({ ok: true });
  });

  it('refuses dot segments, plain or percent-encoded', () => {
    for (const path of ['/v1/../../admin', '/v1/%2e%2e/admin', '/v1/%2E./x', '/v1/./messages', '/v1/..']) {
      expect(checkRequest(req(), path, null), path).toMatchObject({ ok: false, refusal: { status: 400, errorType: 'proxy_bad_path' } });
    }
  });

  it('refuses dot segments hidden behind encoded slashes, backslashes, double encoding and bad escapes', () => {
    const paths = [
      '/v1/..%2fx',
      '/v1/..%2Fx',
      '/v1/..\\x',
      '/v1/%2e%2e%5cx',
      '/v1/%2E%2e%2F%2e%2E%2Fadmin',
      '/v1/%252e%252e/x',
      '/v1/x/..%2f..%2fadmin',
      '/v1/%zz/%2e%2e/x',
      '/v1\\..\\x',
    ];
    for (const path of paths) {
      expect(checkRequest(req(), path, null), path).toMatchObject({ ok: false, refusal: { status: 400, errorType: 'proxy_bad_path' } });
    }
  });

  it('asks for the token when one is set, and names unknown paths', () => {
    expect(checkRequest(req(), '/v1/messages', 't0k')).toMatchObject({ ok: false, refusal: { status: 401 } });
    expect(checkRequest(req({ 'x-tracker-auth': 't0k' }), '/v1/messages', 't0k')).toMatchObject({ ok: true });
    expect(checkRequest(req(), '/admin', null)).toMatchObject({ ok: false, refusal: { status: 404, apiType: 'not_found_error' } });
  });
});
