// The transcript's bounds: a disk that stalls (turns.jsonl a FIFO nobody reads: the append's open blocks, as on a hung
// mount) must not let waiting turns grow the proxy's memory, and an agent that loops must not fill the disk.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../../ledger/index.js';
import { TranscriptRecorder } from './transcript-recorder.js';

const WINDOW = 'plan-x-a001-claude-1';
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('TranscriptRecorder on a stalled disk', () => {
  it('holds at most maxWaitingBytes of turns waiting for the disk, drops the rest and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'transcript-stall-'));
    dirs.push(dataDir);
    const windowDir = join(dataDir, 'evidence', WINDOW);
    mkdirSync(windowDir, { recursive: true });
    const fifo = join(windowDir, 'turns.jsonl');
    execFileSync('mkfifo', [fifo]);
    const problems: string[] = [];
    const recorder = new TranscriptRecorder({ dataDir, maxWaitingBytes: 10 * 1024 * 1024, onProblem: (line) => problems.push(line) });
    // One shared megabyte stands for each exchange's request body (a long conversation resent each turn).
    const body = Buffer.from(JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(1024 * 1024) }] }));
    const row = { timestamp: '2026-11-24T10:00:00.000Z', model: 'm', backend_provider: 'anthropic', status: 200 } as TelemetryRow;
    for (let turn = 0; turn < 50; turn += 1) {
      const exchange = recorder.open('anthropic-messages', WINDOW, 's1');
      exchange?.collector.start(200, 'application/json');
      exchange?.collector.push(Buffer.from('{"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}'));
      exchange?.finish(row, body);
    }
    // The disk comes back: a reader opens the FIFO and drains it until every kept turn is written.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    let read = '';
    const buffer = Buffer.alloc(1024 * 1024);
    const readAll = () => {
      try {
        for (let n = readSync(reader, buffer); n > 0; n = readSync(reader, buffer)) read += buffer.subarray(0, n).toString('utf8');
      } catch {
        // EAGAIN: nothing to read yet.
      }
    };
    const drain = setInterval(readAll, 5);
    try {
      await recorder.flush();
      readAll();
    } finally {
      clearInterval(drain);
      closeSync(reader);
    }
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/turn \d+: not kept, \d+ MB of turns still wait for the disk/);
    // Ten 1 MB turns fit the 10 MB allowance at most; the later ones were dropped, not queued.
    expect(50 - problems.length).toBeLessThanOrEqual(10);
    expect(read.split('\n').filter((line) => line !== '')).toHaveLength(50 - problems.length);
  });
});

describe('TranscriptRecorder on an agent that loops', () => {
  it("stops a window's turns.jsonl at maxWindowBytes and says so once", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'transcript-full-'));
    dirs.push(dataDir);
    const problems: string[] = [];
    const recorder = new TranscriptRecorder({ dataDir, maxWindowBytes: 4096, onProblem: (line) => problems.push(line) });
    const row = { timestamp: '2026-11-24T10:00:00.000Z', model: 'm', backend_provider: 'anthropic', status: 200 } as TelemetryRow;
    for (let turn = 0; turn < 40; turn += 1) {
      const exchange = recorder.open('anthropic-messages', WINDOW, 's1');
      exchange?.collector.start(200, 'application/json');
      exchange?.collector.push(
        Buffer.from(JSON.stringify({ content: [{ type: 'text', text: 'z'.repeat(900) }], stop_reason: 'end_turn' })),
      );
      exchange?.finish(row, null);
    }
    await recorder.flush();
    const text = readFileSync(join(dataDir, 'evidence', WINDOW, 'turns.jsonl'), 'utf8');
    const lines = text.split('\n').filter((line) => line !== '');
    // Appends stop once the file holds 4096 bytes: the last one kept may pass it by one line.
    expect(lines.length).toBeLessThan(10);
    expect(Buffer.byteLength(text)).toBeLessThan(4096 + 1500);
    expect(problems).toEqual([expect.stringMatching(/turns\.jsonl reached 4096 bytes, turns from \d+ on are not kept$/)]);
  });
});
