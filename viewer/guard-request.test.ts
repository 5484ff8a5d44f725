// The viewer survives a corpus of malformed targets, headers and cookies sent on raw sockets, answering each with a 4xx.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../kernel/index.js';
import { buildMalformedRequests, formatRequest, sendRaw } from '../step-definitions/malformed-requests.js';
import { parseRequestTarget } from './guard-request.js';
import { startViewer, type Viewer } from './start-viewer.js';

describe.each([
  ['without its token', false],
  ['with its token', true],
])('the viewer under malformed requests sent %s', (_mode, authorized) => {
  let viewer: Viewer;
  const failures: string[] = [];
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'viewer-guard-'));
    writeFileSync(join(dir, 'windows.jsonl'), '');
    viewer = await startViewer({ dataDir: dir, catalog: BUILT_IN_CATALOG, host: '127.0.0.1', port: 0, onWarning: (m) => failures.push(m) });
  });
  afterAll(() => viewer.stop());

  it('answers every one without a 5xx (a 4xx, a 2xx where it is well-formed, or a closed connection) and keeps answering', async () => {
    const auth = `\r\nX-Tracker-Auth: ${viewer.token}`;
    const answers: Record<string, number | 'closed'> = {};
    for (const [name, raw] of buildMalformedRequests(viewer.port, authorized ? viewer.token : null)) {
      answers[name] = await sendRaw(viewer.port, raw);
      // Alive after each: the first that kills it is the one named.
      expect(await sendRaw(viewer.port, formatRequest('/api/runs', `Host: 127.0.0.1${auth}`)), `after ${name}`).toBe(200);
    }
    for (const [name, status] of Object.entries(answers)) if (status !== 'closed') expect(status, name).toBeLessThan(500);
    expect(answers['//']).toBe(authorized ? 404 : 401);
    if (authorized) expect(answers['bad escape in the arm id']).toBe(400);
    expect(answers['bad cookie escape']).toBe(401);
    expect(failures).toEqual([]);
  });
});

describe('parseRequestTarget', () => {
  it('keeps targets that begin with // as paths on this server', () => {
    expect(parseRequestTarget('//x:99999/').pathname).toBe('//x:99999/');
    expect(parseRequestTarget('//evil.example/a?b=1').host).toBe('viewer');
    expect(parseRequestTarget(undefined).pathname).toBe('/');
  });

  it('refuses a target that is not a path, as bad usage', () => {
    for (const target of ['http://evil.example/', '*', '']) {
      try {
        parseRequestTarget(target);
        expect.unreachable(target);
      } catch (error) {
        expect(isAppError(error) && error.code).toBe('BAD_USAGE');
      }
    }
  });
});
