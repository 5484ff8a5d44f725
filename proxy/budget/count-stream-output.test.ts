// The output a guarded stream has produced so far: characters / 4, or the upstream's own running count where it sends one.
import { describe, expect, it } from 'vitest';
import { createStreamOutputCounter } from './count-stream-output.js';

const delta = (text: string) => {
  const data = JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
  return { event: 'content_block_delta', data, size: data.length };
};
const usageDelta = (output: number) => {
  const data = JSON.stringify({ type: 'message_delta', delta: { stop_reason: null }, usage: { output_tokens: output } });
  return { event: 'message_delta', data, size: data.length };
};

describe('createStreamOutputCounter', () => {
  it('estimates characters / 4 until the upstream reports its running count, then counts on from that (issue 50, item 4)', () => {
    const counter = createStreamOutputCounter('anthropic-messages');
    counter.observe(delta('x'.repeat(452)));
    expect(counter.estimatedTokens).toBe(113);
    counter.observe(usageDelta(100));
    expect(counter.estimatedTokens).toBe(100);
    counter.observe(delta('y'.repeat(40)));
    expect(counter.estimatedTokens).toBe(110);
    // A message_delta without usage changes nothing.
    const bare = JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn' } });
    counter.observe({ event: 'message_delta', data: bare, size: bare.length });
    expect(counter.estimatedTokens).toBe(110);
  });
});
