// Tests the proxy's limits: resolving them, the shared body budget, and reading a body within its caps.
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BodyBudget } from './body-budget.js';
import { DEFAULT_PROXY_LIMITS, resolveProxyLimits } from './proxy-limits.js';
import { readRequestBody } from './read-request-body.js';

/** A request the test feeds by hand: `emit('data', ...)`, `emit('end')`. */
function fakeRequest(headers: Record<string, string> = {}): IncomingMessage & EventEmitter {
  return Object.assign(new EventEmitter(), { headers, complete: false }) as unknown as IncomingMessage & EventEmitter;
}

afterEach(() => vi.useRealTimers());

describe('resolveProxyLimits', () => {
  it('keeps generous defaults and takes the environment, then the caller', () => {
    expect(resolveProxyLimits({})).toEqual(DEFAULT_PROXY_LIMITS);
    const limits = resolveProxyLimits(
      { TRACKER_PROXY_HEADERS_TIMEOUT_MS: '500', TRACKER_PROXY_MAX_BODY_BYTES: '1024' },
      { maxConnections: 8 },
    );
    expect(limits).toMatchObject({
      headersTimeoutMs: 500,
      maxBodyBytes: 1024,
      maxConnections: 8,
      keepAliveTimeoutMs: DEFAULT_PROXY_LIMITS.keepAliveTimeoutMs,
    });
  });

  it('names the variable and the bad value', () => {
    expect(() => resolveProxyLimits({ TRACKER_PROXY_MAX_CONNECTIONS: 'lots' })).toThrow(
      expect.objectContaining({ code: 'BAD_USAGE', where: 'TRACKER_PROXY_MAX_CONNECTIONS', message: expect.stringContaining('"lots"') }),
    );
    expect(() => resolveProxyLimits({ TRACKER_PROXY_MAX_BODY_BYTES: '0' })).toThrow(/positive whole number/);
    expect(() => resolveProxyLimits({ TRACKER_PROXY_MAX_BODY_BYTES: '2048', TRACKER_PROXY_MAX_INFLIGHT_BODY_BYTES: '1024' })).toThrow(
      /must not exceed/,
    );
  });
});

describe('BodyBudget', () => {
  it('refuses bytes past the total and gets them back once per lease', () => {
    const budget = new BodyBudget(100);
    const first = budget.openLease();
    const second = budget.openLease();
    expect(first.take(70)).toBe(true);
    expect(second.take(40)).toBe(false);
    expect(budget.heldBytes()).toBe(70);
    first.release();
    first.release();
    expect(budget.heldBytes()).toBe(0);
    expect(second.take(40)).toBe(true);
  });
});

describe('readRequestBody', () => {
  const rules = (budget: BodyBudget, maxBytes = 10) => ({ maxBytes, lease: budget.openLease(), idleMs: 1_000 });

  it('refuses a declared length over the cap before reading a byte', async () => {
    const budget = new BodyBudget(100);
    await expect(readRequestBody(fakeRequest({ 'content-length': '11' }), rules(budget))).resolves.toEqual({
      ok: false,
      reason: 'too-large',
    });
  });

  it('refuses a chunked body once it passes the cap, and releases what it held', async () => {
    const budget = new BodyBudget(100);
    const req = fakeRequest();
    const read = readRequestBody(req, rules(budget));
    req.emit('data', Buffer.alloc(6));
    expect(budget.heldBytes()).toBe(6);
    req.emit('data', Buffer.alloc(6));
    await expect(read).resolves.toEqual({ ok: false, reason: 'too-large' });
    expect(budget.heldBytes()).toBe(0);
  });

  it('answers overloaded when the bodies in flight together would pass the total', async () => {
    const budget = new BodyBudget(10);
    budget.openLease().take(8);
    const req = fakeRequest();
    const read = readRequestBody(req, rules(budget));
    req.emit('data', Buffer.alloc(3));
    await expect(read).resolves.toEqual({ ok: false, reason: 'overloaded' });
  });

  it('times out a body that stops arriving; each chunk restarts the wait', async () => {
    vi.useFakeTimers();
    const budget = new BodyBudget(100);
    const req = fakeRequest();
    const read = readRequestBody(req, rules(budget));
    vi.advanceTimersByTime(900);
    req.emit('data', Buffer.alloc(1));
    vi.advanceTimersByTime(900);
    req.emit('data', Buffer.alloc(1));
    vi.advanceTimersByTime(1_000);
    await expect(read).resolves.toEqual({ ok: false, reason: 'timeout' });
    expect(budget.heldBytes()).toBe(0);
  });

  it('keeps a whole body within the limits (held until the caller releases it)', async () => {
    const budget = new BodyBudget(100);
    const req = fakeRequest();
    const read = readRequestBody(req, rules(budget));
    req.emit('data', Buffer.from('ab'));
    req.emit('data', Buffer.from('cd'));
    req.emit('end');
    await expect(read).resolves.toEqual({ ok: true, body: Buffer.from('abcd') });
    expect(budget.heldBytes()).toBe(4);
  });
});
