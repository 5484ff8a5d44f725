// The everyday servers' start path: only a request under it passes, and it leaves the path the client meant.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createStartPath, stripStartPath } from './start-path.js';

const requestTo = (url: string) => ({ url }) as IncomingMessage;

describe('stripStartPath', () => {
  it('passes a request under the path, with the rest of its URL, and refuses any other untouched', () => {
    const path = createStartPath();
    expect(path).toMatch(/^\/_s\/[0-9a-f]{32}$/);
    expect(createStartPath()).not.toBe(path);
    const cases: Array<[string, string | null]> = [
      [`${path}/v1/messages`, '/v1/messages'],
      [`${path}/v1/logs?x=1`, '/v1/logs?x=1'],
      [`${path}?beta=true`, '/?beta=true'],
      [path, '/'],
      ['/v1/messages', null],
      [`${path}0/v1/messages`, null],
      [`${path.slice(0, -1)}/v1/messages`, null],
      ['/_s//v1/messages', null],
      [`/_tracker${path}`, null],
    ];
    for (const [url, after] of cases) {
      const req = requestTo(url);
      expect({ url, passed: stripStartPath(req, path), now: req.url }).toEqual({ url, passed: after !== null, now: after ?? url });
    }
  });
});
