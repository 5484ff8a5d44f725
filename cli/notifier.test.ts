// The notifier against a real webhook server on 127.0.0.1: each service's body, a hostile server, the rate limit, the desktop.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createNotifier } from './notifier.js';
import type { NotifySink, WebhookFormat } from './notify-config.js';
import type { Notice } from './notify-message.js';

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A webhook that records every request, answering each with `answer` (which may never answer). */
async function startWebhook(answer: (res: ServerResponse, count: number) => void = (res) => res.end('ok')) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(res, received.length);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const SECRET_PATH = '/services/T0SECRET/B0SECRET/xoxSecretWebhookToken42';
const notice = (title = 'claude 5h bar at 83%: crossed 80%', urgent = false): Notice => ({
  title,
  text: 'alert: claude 5h bar at 83% crossed 80%\nclaude: ~4 tasks left in the 5h bar <like the last ones> & more',
  urgent,
  fields: { kind: 'bar', provider: 'claude', bar: 'five_hour', used_pct: 83, thresholds: [80] },
});

function makeNotifier(
  sinks: NotifySink[],
  extra: { perMinute?: number; timeoutMs?: number; env?: NodeJS.ProcessEnv; clock?: () => number } = {},
) {
  const notes: string[] = [];
  const notifier = createNotifier({
    config: { sinks, perMinute: extra.perMinute ?? 6, timeoutMs: extra.timeoutMs ?? 2000, file: 'data/notify.json' },
    env: extra.env ?? process.env,
    note: (line) => notes.push(line),
    ...(extra.clock ? { clock: extra.clock } : {}),
  });
  return { notifier, notes };
}

const webhook = (url: string, format: WebhookFormat): NotifySink => ({ type: 'webhook', url, format });

describe('createNotifier', () => {
  it('posts the body each service documents: our JSON, Slack {text}, Discord {content}, ntfy plain text with headers', async () => {
    const hook = await startWebhook();
    const { notifier, notes } = makeNotifier([
      webhook(`${hook.base}/json`, 'json'),
      webhook(`${hook.base}/slack`, 'slack'),
      webhook(`${hook.base}/discord`, 'discord'),
      webhook(`${hook.base}/ntfy`, 'ntfy'),
    ]);
    notifier.send(notice('claude 5h bar at 97%: crossed 95%', true));
    await notifier.drain();
    expect(notes).toEqual([]);
    const by = (path: string) => hook.received.find((one) => one.url === path) as Received;
    expect(JSON.parse(by('/json').body)).toMatchObject({
      title: 'claude 5h bar at 97%: crossed 95%',
      provider: 'claude',
      thresholds: [80],
    });
    expect(by('/json').headers['content-type']).toBe('application/json');
    const slack = JSON.parse(by('/slack').body) as Record<string, unknown>;
    expect(Object.keys(slack)).toEqual(['text']);
    expect(slack.text).toMatch(/^\*claude 5h bar at 97%: crossed 95%\*\nalert: /);
    expect(slack.text).toContain('&lt;like the last ones&gt; &amp; more');
    expect(JSON.parse(by('/discord').body)).toEqual({
      content: `**claude 5h bar at 97%: crossed 95%**\n${notice().text}`,
      allowed_mentions: { parse: [] },
    });
    expect(by('/ntfy').body).toBe(notice().text);
    expect(by('/ntfy').headers).toMatchObject({ title: 'claude 5h bar at 97%: crossed 95%', priority: 'high', tags: 'rotating_light' });
    expect(by('/ntfy').headers['content-type']).toMatch(/^text\/plain/);
  });

  it('never waits on a webhook that hangs or fails: one retry, one note per sink, no piece of its URL', async () => {
    const hang = await startWebhook(() => undefined);
    const broken = await startWebhook((res) => res.writeHead(500).end(`error at ${SECRET_PATH}`));
    const good = await startWebhook();
    const { notifier, notes } = makeNotifier(
      [webhook(`${hang.base}${SECRET_PATH}`, 'slack'), webhook(`${broken.base}${SECRET_PATH}`, 'json'), webhook(`${good.base}/ok`, 'json')],
      { timeoutMs: 300 },
    );
    const started = performance.now();
    notifier.send(notice('first'));
    expect(performance.now() - started).toBeLessThan(100);
    await notifier.drain();
    // A 500 and a hang are worth one retry each.
    expect(broken.received).toHaveLength(2);
    expect(hang.received).toHaveLength(2);
    notifier.send(notice('second'));
    await notifier.drain();
    expect(good.received.map((one) => JSON.parse(one.body).title)).toEqual(['first', 'second']);
    expect(broken.received).toHaveLength(4);
    expect(hang.received).toHaveLength(4);
    // Said once per sink, not once per message.
    expect(notes).toHaveLength(2);
    expect(notes).toContainEqual(
      expect.stringMatching(/^notify: the json webhook on 127\.0\.0\.1:\d+ failed \(HTTP 500, also on the retry\)/),
    );
    expect(notes).toContainEqual(
      expect.stringMatching(/^notify: the slack webhook on 127\.0\.0\.1:\d+ failed \(no answer within 0\.3s, also/),
    );
    for (const piece of ['T0SECRET', 'B0SECRET', 'xoxSecretWebhookToken42']) expect(notes.join('\n')).not.toContain(piece);
  });

  it('does not retry a refusal (a 404: a deleted webhook)', async () => {
    const gone = await startWebhook((res) => res.writeHead(404).end());
    const { notifier, notes } = makeNotifier([webhook(`${gone.base}/x`, 'discord')]);
    notifier.send(notice());
    await notifier.drain();
    expect(gone.received).toHaveLength(1);
    expect(notes).toEqual([expect.stringContaining('failed (HTTP 404)')]);
  });

  it('drops past the rate limit, says so once, and counts the drops in the next message', async () => {
    const hook = await startWebhook();
    let clock = 0;
    const { notifier, notes } = makeNotifier([webhook(`${hook.base}/n`, 'json')], { perMinute: 2, clock: () => clock });
    for (let i = 1; i <= 5; i += 1) notifier.send(notice(`n${i}`));
    clock = 61_000;
    notifier.send(notice('n6'));
    await notifier.drain();
    const bodies = hook.received.map((one) => JSON.parse(one.body) as { title: string; text: string; dropped?: number });
    expect(bodies.map((body) => body.title)).toEqual(['n1', 'n2', 'n6']);
    expect(bodies[2]?.dropped).toBe(3);
    expect(bodies[2]?.text).toMatch(/\(3 earlier notifications were dropped by the rate limit\)$/);
    expect(notes).toEqual([
      'notify: more than 2 notifications in a minute (rate_limit.per_minute in data/notify.json): "n3" and any more are dropped until the minute has passed',
      'notify: 3 notifications were dropped by the rate limit',
    ]);
  });

  it('runs notify-send where there is a session, and leaves the desktop out, said once, where there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notify-send-'));
    dirs.push(dir);
    const log = join(dir, 'calls.txt');
    writeFileSync(join(dir, 'notify-send'), `#!/bin/sh\nfor a in "$@"; do printf '%s|' "$a" >> '${log}'; done\necho >> '${log}'\n`);
    chmodSync(join(dir, 'notify-send'), 0o755);
    const env = { PATH: `${dir}:/usr/bin:/bin`, DISPLAY: ':0' };
    const { notifier, notes } = makeNotifier([{ type: 'desktop' }], { env });
    notifier.send(notice('claude 5h bar at 97%: crossed 95%', true));
    await notifier.drain();
    expect(notes).toEqual([]);
    const called = readFileSync(log, 'utf8');
    expect(called).toBe(`--app-name=agent-tracker|--urgency=critical|--|claude 5h bar at 97%: crossed 95%|${notice().text}|\n`);
    const headless = makeNotifier([{ type: 'desktop' }], { env: { PATH: dir } });
    headless.notifier.send(notice());
    await headless.notifier.drain();
    expect(headless.notes).toEqual([
      'notify: the desktop sink in data/notify.json is left out: no graphical session (none of DISPLAY, WAYLAND_DISPLAY, DBUS_SESSION_BUS_ADDRESS is set)',
    ]);
    expect(readFileSync(log, 'utf8')).toBe(called);
  });
});
