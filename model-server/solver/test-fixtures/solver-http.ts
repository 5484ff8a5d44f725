// Request bodies and answer readers for the solver's HTTP tests: what Claude Code, Codex and Gemini CLI send and get back.
import { parseSseText } from '../../parse-sse-text.js';

export const CWD = '/work/sandbox/repo';

/** A Claude Code-like conversation after `rounds` tool results. */
export function messagesBody(model: string, prompt: string, rounds: number, stream = true): Record<string, unknown> {
  const messages: unknown[] = [{ role: 'user', content: [{ type: 'text', text: prompt }] }];
  for (let round = 0; round < rounds; round += 1) {
    messages.push({ role: 'assistant', content: [{ type: 'tool_use', id: `t${round}`, name: 'Write', input: {} }] });
    messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${round}`, content: 'ok' }] });
  }
  return { model, stream, system: `Primary working directory: ${CWD}`, messages, tools: [{ name: 'Write' }, { name: 'Bash' }] };
}

/** A Codex-like Responses input after `rounds` function-call outputs. */
export function responsesBody(model: string, prompt: string, rounds: number, cwd = CWD): Record<string, unknown> {
  const input: unknown[] = [
    {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: `<environment_context>\n  <cwd>${cwd}</cwd>\n</environment_context>\n${prompt}` }],
    },
  ];
  for (let round = 0; round < rounds; round += 1) {
    input.push(
      { type: 'function_call', call_id: `c${round}`, name: 'exec_command', arguments: '{}' },
      { type: 'function_call_output', call_id: `c${round}`, output: 'ok' },
    );
  }
  return { model, stream: true, input, tools: [{ type: 'function', name: 'exec_command' }] };
}

/** A Gemini CLI-like conversation after `rounds` function responses (0.61.0 states its workspace in the first user turn). */
export function geminiBody(prompt: string, rounds: number): Record<string, unknown> {
  const contents: unknown[] = [{ role: 'user', parts: [{ text: `- **Workspace Directories:**\n  - ${CWD}\n${prompt}` }] }];
  for (let round = 0; round < rounds; round += 1) {
    contents.push({ role: 'model', parts: [{ functionCall: { name: 'write_file', args: {} } }] });
    contents.push({ role: 'user', parts: [{ functionResponse: { name: 'write_file', response: { output: 'ok' } } }] });
  }
  return { contents, tools: [{ functionDeclarations: [{ name: 'write_file' }, { name: 'run_shell_command' }] }] };
}

/** The tool call (name, input) and the text of an Anthropic SSE answer, and its stop reason. */
export function readAnthropicStream(text: string): {
  toolName: string | null;
  input: Record<string, unknown> | null;
  text: string;
  stopReason: unknown;
} {
  const events = parseSseText(text);
  let toolName: string | null = null;
  let json = '';
  let said = '';
  for (const event of events) {
    const data = event.json ?? {};
    const block = data.content_block as Record<string, unknown> | undefined;
    if (event.event === 'content_block_start' && block?.type === 'tool_use') toolName = String(block.name);
    const delta = data.delta as Record<string, unknown> | undefined;
    if (delta?.type === 'input_json_delta') json += String(delta.partial_json);
    if (delta?.type === 'text_delta') said += String(delta.text);
  }
  const stop = events.find((event) => event.event === 'message_delta')?.json?.delta as Record<string, unknown> | undefined;
  return { toolName, input: json === '' ? null : (JSON.parse(json) as Record<string, unknown>), text: said, stopReason: stop?.stop_reason };
}

/** The completed response of a Responses SSE answer. */
export function readCompleted(text: string): Record<string, unknown> {
  const completed = parseSseText(text).find((event) => event.event === 'response.completed');
  return (completed?.json?.response ?? {}) as Record<string, unknown>;
}

/** The function call and text of a Gemini SSE answer, and its last finish reason. */
export function readGeminiStream(text: string): { call: { name: string; args: Record<string, unknown> } | null; text: string; finish: unknown } {
  let call: { name: string; args: Record<string, unknown> } | null = null;
  let said = '';
  let finish: unknown = null;
  for (const event of parseSseText(text)) {
    const candidate = (event.json?.candidates as Record<string, unknown>[] | undefined)?.[0];
    const parts = ((candidate?.content as Record<string, unknown> | undefined)?.parts ?? []) as Record<string, unknown>[];
    for (const part of parts) {
      if (typeof part.text === 'string') said += part.text;
      if (part.functionCall) call = part.functionCall as { name: string; args: Record<string, unknown> };
    }
    finish = candidate?.finishReason ?? finish;
  }
  return { call, text: said, finish };
}
