import { describe, expect, it } from 'vitest';
import { convertMessage, readRequestConversation } from './read-request-turn.js';

describe('readRequestConversation', () => {
  it('reads a Claude Code request: messages with text, tool_use and tool_result blocks, and the tools offered', () => {
    const body = Buffer.from(
      JSON.stringify({
        model: 'claude-sonnet-4-5',
        system: [{ type: 'text', text: 'You are Claude Code' }],
        tools: [
          { name: 'Bash', input_schema: {} },
          { name: 'Write', input_schema: {} },
        ],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'fix the cache', cache_control: { type: 'ephemeral' } }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'npm test' } }] },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '1 failing' }], is_error: true }],
          },
        ],
      }),
    );
    const conversation = readRequestConversation('anthropic-messages', body);
    expect(conversation?.tools).toEqual(['Bash', 'Write']);
    expect(conversation?.messages).toHaveLength(3);
    const blocks = conversation?.messages.map((message) => convertMessage('anthropic-messages', message, 100).message);
    expect(blocks).toEqual([
      { role: 'user', blocks: [{ type: 'text', text: 'fix the cache' }] },
      { role: 'assistant', blocks: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: '{"command":"npm test"}' }] },
      { role: 'user', blocks: [{ type: 'tool_result', tool_use_id: 'toolu_1', text: '1 failing', is_error: true }] },
    ]);
  });

  it('reads a Gemini CLI request: contents with text, function calls and responses, its declarations, a thought left out', () => {
    const body = Buffer.from(
      JSON.stringify({
        contents: [
          { role: 'user', parts: [{ text: 'fix add.js' }] },
          {
            role: 'model',
            parts: [{ thought: true, text: 'thinking' }, { functionCall: { id: 'c1', name: 'read_file', args: { path: 'add.js' } } }],
          },
          { role: 'user', parts: [{ functionResponse: { id: 'c1', name: 'read_file', response: { error: 'ENOENT' } } }] },
        ],
        tools: [{ functionDeclarations: [{ name: 'read_file' }, { name: 'write_file' }] }, { googleSearch: {} }],
      }),
    );
    const conversation = readRequestConversation('gemini-generate-content', body);
    expect(conversation?.tools).toEqual(['read_file', 'write_file', 'googleSearch']);
    const messages = conversation?.messages.map((message) => convertMessage('gemini-generate-content', message, 100).message);
    expect(messages).toEqual([
      { role: 'user', blocks: [{ type: 'text', text: 'fix add.js' }] },
      {
        role: 'assistant',
        blocks: [
          { type: 'other', kind: 'thought' },
          { type: 'tool_use', id: 'c1', name: 'read_file', input: '{"path":"add.js"}' },
        ],
      },
      { role: 'tool', blocks: [{ type: 'tool_result', tool_use_id: 'c1', text: '{"error":"ENOENT"}', is_error: true }] },
    ]);
  });

  it('reads a Codex request: input items, function calls and their outputs', () => {
    const body = Buffer.from(
      JSON.stringify({
        model: 'gpt-5-codex',
        tools: [{ type: 'function', name: 'exec_command' }, { type: 'web_search' }],
        input: [
          { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'add a test' }] },
          { type: 'function_call', name: 'exec_command', arguments: '{"cmd":"ls"}', call_id: 'call_1' },
          { type: 'function_call_output', call_id: 'call_1', output: 'a.js' },
        ],
      }),
    );
    const conversation = readRequestConversation('openai-responses', body);
    expect(conversation?.tools).toEqual(['exec_command', 'web_search']);
    expect(conversation?.messages.map((message) => convertMessage('openai-responses', message, 100).message)).toEqual([
      { role: 'user', blocks: [{ type: 'text', text: 'add a test' }] },
      { role: 'assistant', blocks: [{ type: 'tool_use', id: 'call_1', name: 'exec_command', input: '{"cmd":"ls"}' }] },
      { role: 'tool', blocks: [{ type: 'tool_result', tool_use_id: 'call_1', text: 'a.js', is_error: false }] },
    ]);
  });

  it('redacts then cuts each text, and gives null for a body that is not JSON', () => {
    const converted = convertMessage(
      'anthropic-messages',
      { role: 'user', content: `key sk-ant-api03-${'x'.repeat(30)} ${'y'.repeat(50)}` },
      24,
    );
    expect(converted.truncated).toBe(true);
    expect((converted.message.blocks[0] as { text: string }).text).toMatch(/^key \[REDACTED\] y+\n\[\.\.\. \d+ more bytes/);
    expect(readRequestConversation('anthropic-messages', Buffer.from('{not json'))).toBeNull();
  });
});
