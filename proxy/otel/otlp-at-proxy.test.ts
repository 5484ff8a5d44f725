// The proxy answers /v1/logs and /v1/metrics itself; a run's proxy charges an arm's exports to the arm by its base URL.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../model-server/index.js';
import type { RunningProxy } from '../server/proxy-options.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const claudeLogs = readFileSync(new URL('../../sources/parsers/otlp/test-fixtures/claude-code-2.1.329-logs.json', import.meta.url), 'utf8');
const lab = useProxyLab();

async function start(armPaths: boolean, lines: string[] = []): Promise<{ proxy: RunningProxy; dataDir: string }> {
  const script = parseScript({ name: 'x', steps: [{ type: 'text', text: 'hi' }] }, 'test');
  return lab.start(script, 'otlp-proxy', { armPaths, onOtelRefusal: (line) => lines.push(line) });
}

function rows(dataDir: string): Record<string, unknown>[] {
  const file = join(dataDir, 'otel_usage.jsonl');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
    : [];
}

/** The capture, with its resource claiming window `W-other` (what an agent naming another arm's window would send). */
function forged(): string {
  return claudeLogs.replaceAll('"W1"', '"W-other"');
}

describe('OTLP at the proxy', () => {
  it('tracker proxy answers /v1/logs itself: the rows are written, nothing reaches the upstream', async () => {
    const { proxy: running, dataDir } = await start(false);
    const answer = await fetch(`${running.url}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: claudeLogs,
    });
    expect([answer.status, await answer.text()]).toEqual([200, '{}']);
    const traces = await fetch(`${running.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(traces.status).toBe(404);
    expect(lab.upstream?.received).toBe(0);
    expect(rows(dataDir).map((row) => [row.window_id, row.attributed_by, row.source])).toEqual([
      ['W1', 'resource', 'otel'],
      ['W1', 'resource', 'otel'],
    ]);
  });

  it("a run's proxy charges an export under an arm's base URL to that arm, whatever window its resource names", async () => {
    const { proxy: running, dataDir } = await start(true);
    const arm = running.openArmPath?.({
      'x-tracker-window': 'arm-1',
      'x-tracker-agent': 'runner-a',
      'x-tracker-provider': 'claude',
      'x-tracker-feature': 'lru-cache-ttl',
    });
    if (!arm) throw new Error('no arm paths');
    const headers = { 'content-type': 'application/json', 'x-tracker-window': 'W-header' };
    expect((await fetch(`${arm.url}/v1/logs`, { method: 'POST', headers, body: forged() })).status).toBe(200);
    expect(rows(dataDir).map((row) => [row.window_id, row.agent_id, row.provider, row.feature_id, row.attributed_by])).toEqual([
      ['arm-1', 'runner-a', 'claude', 'lru-cache-ttl', 'arm-path'],
      ['arm-1', 'runner-a', 'claude', 'lru-cache-ttl', 'arm-path'],
    ]);
    // The resource's own claim is kept as the agent sent it, beside the window it was charged to.
    expect(rows(dataDir)[0]?.resource_attributes).toMatchObject({ 'tracker.window_id': 'W-other' });
  });

  it("a run's proxy refuses an export outside every arm's base URL (403) and after the arm closed, writing nothing", async () => {
    const lines: string[] = [];
    const { proxy: running, dataDir } = await start(true, lines);
    const arm = running.openArmPath?.({ 'x-tracker-window': 'arm-1' });
    if (!arm) throw new Error('no arm paths');
    arm.close();
    for (const url of [`${running.url}/v1/logs`, `${arm.url}/v1/logs`]) {
      const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: forged() });
      expect(answer.status).toBe(403);
    }
    expect(rows(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'rejects'))).toBe(false);
    expect(lines).toEqual([]);
  });

  it("a run's proxy refuses an arm's start-group bomb at once (413), names the arm's window, and still answers the arm after it", async () => {
    const lines: string[] = [];
    const { proxy: running, dataDir } = await start(true, lines);
    const arm = running.openArmPath?.({ 'x-tracker-window': 'arm-7' });
    if (!arm) throw new Error('no arm paths');
    // A start-group tag, its end, then a quarter of a million empty ResourceLogs: 136 s and 2.6 GB before the walk counted as it decoded.
    const bomb = Buffer.alloc(2 + 2 * 250_010);
    bomb.set([0x7b, 0x7c]);
    for (let i = 0; i < 250_010; i += 1) bomb[2 + 2 * i] = 0x0a;
    const refused = await fetch(`${arm.url}/v1/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: bomb,
    });
    expect(refused.status).toBe(413);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /refused an OTLP export to \/v1\/logs \(application\/x-protobuf, 500022 bytes from window arm-7\): 413 .*holds more than 250000 values/,
    );
    const next = await fetch(`${arm.url}/v1/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: forged() });
    expect(next.status).toBe(200);
    expect(rows(dataDir).map((row) => row.window_id)).toEqual(['arm-7', 'arm-7']);
  });
});
