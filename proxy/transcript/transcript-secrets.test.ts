// Attacks on the transcript's redaction: keys cut by a cap, split by a dropped middle, JSON-escaped, or of no known shape.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../../ledger/index.js';
import { TranscriptRecorder } from './transcript-recorder.js';

const WINDOW = 'plan-x-a001-claude-1';
const SSE = 'text/event-stream';
/** Key shapes kernel/secrets/ knows (made up): Z.ai's `<32 hex>.<16 alnum>` and an `sk-` key. */
const ZAI_KEY = `${'0123456789abcdef'.repeat(2)}.AbCdEfGhIjKlMnOp`;
const SK_KEY = 'sk-proj-Zq8Xw7Vu6Ts5Rr4Qp3Oo2Nn1';
/** A credential of no known shape, as a Codex access token is: only the proxy knows it, from the request's header. */
const SHAPELESS = 'opaque.Cred3ntial.ValueNoShape42';
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function textEvents(pieces: string[], stop = 'end_turn'): Buffer {
  const events = [
    `event: message_start\ndata: {"type":"message_start","message":{"id":"m","content":[]}}\n\n`,
    `event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n`,
    ...pieces.map(
      (text) =>
        `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`,
    ),
    `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"${stop}"}}\n\n`,
  ];
  return Buffer.from(events.join(''));
}

async function recordOne(response: Buffer, options: Parameters<typeof recordChunks>[2] = {}) {
  return recordChunks([response], options.cap, options);
}

async function recordChunks(
  chunks: Buffer[],
  cap: number | undefined,
  options: { cap?: number; secrets?: string[]; contentType?: string; body?: object } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'transcript-secrets-'));
  dirs.push(dataDir);
  const recorder = new TranscriptRecorder({ dataDir, ...(cap ? { responseCap: cap } : {}) });
  const exchange = recorder.open('anthropic-messages', WINDOW, 's1', options.secrets ?? []);
  if (!exchange) throw new Error('expected a transcript');
  exchange.collector.start(200, options.contentType ?? SSE);
  for (const chunk of chunks) exchange.collector.push(chunk);
  const row = { timestamp: '2026-11-24T10:00:00.000Z', model: 'm', backend_provider: 'anthropic', status: 200 } as TelemetryRow;
  const body = options.body ? Buffer.from(JSON.stringify(options.body)) : null;
  exchange.finish(row, body);
  await recorder.flush();
  return readFileSync(join(dataDir, 'evidence', WINDOW, 'turns.jsonl'), 'utf8');
}

describe('transcript redaction under attack', () => {
  it('leaves no part of a key the response cap cuts through', async () => {
    // The cap falls inside the key's secret half: 15 of its 16 characters would be kept, too few for its shape.
    const line = await recordOne(textEvents(['x'.repeat(90), ZAI_KEY]), { cap: 90 + 32 + 1 + 15 });
    expect(line).not.toContain('AbCdEfGhIjKlMnO');
    expect(line).not.toContain('0123456789abcdef0123');
    const sk = await recordOne(textEvents(['y'.repeat(90), SK_KEY]), { cap: 90 + 14 });
    expect(sk).not.toContain('sk-proj-Zq8');
  });

  it('leaves neither end of a key split across the middle of a long stream that was not kept', async () => {
    // Tiny deltas, an event per chunk: their framing fills the raw bytes kept (4 x the cap) long before the text cap.
    // The tail (the last 64 KiB, read from its second event on) then begins with the key's last piece.
    const event = (text: string) =>
      Buffer.from(
        `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`,
      );
    const stop = Buffer.from(`event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"}}\n\n`);
    const head = textEvents([]).subarray(0, textEvents([]).length - stop.length);
    const half = SK_KEY.length - 20;
    const kept = [head, ...Array.from({ length: 200 }, () => event('ab')), event(SK_KEY.slice(0, half))];
    const tailEvents = [event(SK_KEY.slice(half)), ...Array.from({ length: 300 }, () => event('cd'))];
    let tailBytes = tailEvents.reduce((sum, chunk) => sum + chunk.length, 0) + stop.length;
    while (tailBytes < 64 * 1024 - 200) {
      tailEvents.push(event('cd'));
      tailBytes += tailEvents[tailEvents.length - 1]?.length ?? 0;
    }
    const middle = [...Array.from({ length: 2000 }, () => event('zz')), event(SK_KEY.slice(0, half))];
    const chunks = [...kept, ...middle, ...tailEvents, stop];
    const line = await recordChunks(chunks, 4096);
    expect(line).toContain('end_turn');
    expect(line).not.toContain(SK_KEY.slice(0, 12));
    expect(line).not.toContain(SK_KEY.slice(half, half + 12));
  });

  it('redacts a key after a JSON escape in a tool input (`\\nsk-...`, `\\tghp_...`)', async () => {
    const gh = `ghp_${'A1b2C3d4E5'.repeat(3)}`;
    const body = {
      content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: `echo one\n${SK_KEY}\t${gh}` } }],
      stop_reason: 'tool_use',
    };
    const line = await recordOne(Buffer.from(JSON.stringify(body)), { contentType: 'application/json' });
    expect(line).not.toContain('Zq8Xw7Vu6');
    expect(line).not.toContain('A1b2C3d4E5A1');
  });

  it("hides the request's own credentials, whatever their shape, in the response and in the request's messages", async () => {
    const body = { messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: `token: ${SHAPELESS}` }] }] };
    const line = await recordOne(textEvents([`your token is ${SHAPELESS}`]), { secrets: [SHAPELESS], body });
    expect(line).not.toContain(SHAPELESS);
    expect(line).toContain('your token is');
  });
});
