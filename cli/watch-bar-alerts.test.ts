// The watch's bar alerts with notify.json: one message per bar, threshold and period, to a real webhook on 127.0.0.1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBarInputsReader, recordReadingIfChanged } from '../ledger/index.js';
import type { CommandContext } from './global-options.js';
import { createNotifier } from './notifier.js';
import { loadNotifyConfig } from './notify-config.js';
import { readHeadroom } from './read-headroom.js';
import { type AlertSettings, checkBarAlerts } from './watch-bar-alerts.js';

interface Message {
  title: string;
  text: string;
  thresholds: number[];
  pace: boolean;
  headroom: string;
}

let dataDir: string;
let server: Server;
let received: Message[];
let url: string;
const T0 = Date.parse('2026-11-20T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'watch-notify-'));
  received = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      received.push(JSON.parse(body) as Message);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/secret-topic`;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

const ctx: () => CommandContext = () => ({ dataDir, agentId: 'main', json: false, stamp: { agentId: 'main', source: 'quota' } });

/** A claude quota reading of the 5h bar at `minutes` after T0. */
function record(minutes: number, pct: number, resetsAfter: number): void {
  const bars = { five_hour: { used_pct: pct, resets_at: at(resetsAfter).toISOString() } };
  recordReadingIfChanged(
    dataDir,
    { agentId: 'main', source: 'quota' },
    { provider: 'claude', format: 'quota-claude', capturedAt: at(minutes), bars },
  );
}

/** What a fresh `tracker watch` builds from the data dir's notify.json (a restart is another call). */
function startWatch(file: object): AlertSettings & { notify: NonNullable<AlertSettings['notify']> } {
  writeFileSync(join(dataDir, 'notify.json'), JSON.stringify(file));
  const config = loadNotifyConfig(dataDir, {});
  if (config === null) throw new Error('notify.json not read');
  const notifier = createNotifier({ config, env: {}, note: () => undefined });
  return { thresholds: [80, 95], bars: createBarInputsReader(dataDir), command: null, timeoutMs: 5000, notify: { config, notifier } };
}

async function round(settings: ReturnType<typeof startWatch>, minutes: number): Promise<Message[]> {
  const before = received.length;
  await checkBarAlerts(ctx(), settings, at(minutes));
  await settings.notify.notifier.drain();
  return received.slice(before);
}

describe('checkBarAlerts with notify.json', () => {
  it('sends one message per crossing with the headroom in tasks, quiet on a repeat or a second crossing in the period, again in a new one', async () => {
    const file = { pace: false, sinks: [{ type: 'webhook', url, format: 'json' }] };
    let watch = startWatch(file);
    record(-60, 55, 120);
    record(-30, 68, 120);
    record(-1, 83, 120);
    const first = await round(watch, 0);
    expect(first).toHaveLength(1);
    expect(first[0]?.title).toBe('claude 5h bar at 83%: crossed 80%');
    expect(first[0]?.thresholds).toEqual([80]);
    const headroom = readHeadroom(dataDir, at(0))('claude');
    expect(first[0]?.headroom).toBe(headroom);
    expect(first[0]?.text.split('\n').at(-1)).toBe(headroom);

    expect(await round(watch, 1)).toEqual([]);
    // Down below 80% and up again in the same period (a fall of 5 points is no reset): the same crossing, quiet.
    record(2, 78, 120);
    record(3, 85, 120);
    expect(await round(watch, 3)).toEqual([]);
    // A restarted watch remembers what was sent.
    watch = startWatch(file);
    expect(await round(watch, 4)).toEqual([]);
    // 80% and 95% crossed between two rounds: one message naming both.
    record(5, 96, 120);
    const both = await round(watch, 5);
    expect(both.map((one) => [one.title, one.thresholds])).toEqual([['claude 5h bar at 96%: crossed 95%', [95]]]);
    // After the reset, a new period: its crossing is news again.
    record(125, 10, 420);
    record(150, 81, 420);
    const again = await round(watch, 150);
    expect(again.map((one) => one.title)).toEqual(['claude 5h bar at 81%: crossed 80%']);
  });

  it('uses each bar its own thresholds, and warns once a period when the pace runs the bar out before its reset', async () => {
    const file = {
      thresholds: [90],
      bars: { 'claude/five_hour': { thresholds: [50, 70] } },
      sinks: [{ type: 'webhook', url, format: 'json' }],
    };
    const watch = startWatch(file);
    record(-60, 55, 120);
    record(-30, 68, 120);
    record(-1, 73, 120);
    const first = await round(watch, 0);
    expect(first).toHaveLength(1);
    expect(first[0]?.title).toBe('claude 5h bar at 73%: crossed 50% and 70%');
    expect(first[0]?.pace).toBe(true);
    expect(first[0]?.text).toMatch(/at this pace it runs out in [\d.]+ (min|h), before its reset at /);
    record(1, 75, 120);
    expect(await round(watch, 1)).toEqual([]);
  });

  it('leaves a plain --alert-at watch (no notify.json) as it was: no pace alert', async () => {
    record(-60, 55, 120);
    record(-30, 68, 120);
    record(-1, 73, 120);
    const settings: AlertSettings = {
      thresholds: [80],
      bars: createBarInputsReader(dataDir),
      command: null,
      timeoutMs: 5000,
      notify: null,
    };
    expect(await checkBarAlerts(ctx(), settings, at(0))).toEqual([]);
    expect(vi.mocked(process.stdout.write)).not.toHaveBeenCalled();
  });
});
