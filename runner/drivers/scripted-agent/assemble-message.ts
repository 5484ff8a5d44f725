// Builds one model answer from Anthropic Messages stream events: text and tool_use blocks, stop reason, cumulative usage.
import { AppError } from '../../../kernel/index.js';
import { overwriteUsage, zeroUsage, type TokenUsage } from './token-usage.js';

export type AnswerBlock = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: unknown };

export interface ModelAnswer {
  id: string | null;
  model: string | null;
  content: AnswerBlock[];
  stopReason: string | null;
  usage: TokenUsage;
}

type OpenBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; json: string; startInput: unknown }
  | { type: 'other' };

/** Feed it each event (name and parsed data) in order, then take the answer once message_stop has come. */
export class MessageAssembler {
  private id: string | null = null;
  private model: string | null = null;
  private stopReason: string | null = null;
  private started = false;
  private stopped = false;
  private readonly blocks = new Map<number, OpenBlock>();
  /** What the server reported so far; kept even when the stream breaks, since those tokens were spent. */
  usage: TokenUsage = zeroUsage();

  get complete(): boolean {
    return this.stopped;
  }

  handle(type: string, data: Record<string, unknown>): void {
    switch (type) {
      case 'message_start': {
        const message = asRecord(data.message);
        this.started = true;
        this.id = typeof message.id === 'string' ? message.id : null;
        this.model = typeof message.model === 'string' ? message.model : null;
        this.usage = overwriteUsage(this.usage, message.usage);
        return;
      }
      case 'content_block_start':
        this.blocks.set(indexOf(data), openBlock(asRecord(data.content_block)));
        return;
      case 'content_block_delta':
        this.addDelta(indexOf(data), asRecord(data.delta));
        return;
      case 'message_delta':
        this.stopReason =
          typeof asRecord(data.delta).stop_reason === 'string' ? (asRecord(data.delta).stop_reason as string) : this.stopReason;
        this.usage = overwriteUsage(this.usage, data.usage);
        return;
      case 'message_stop':
        this.stopped = true;
        return;
      case 'error': {
        const error = asRecord(data.error);
        throw new AppError(
          'IO',
          `expected a complete answer, got an error event in the stream (${String(error.type ?? 'error')}: ${String(error.message ?? '')})`,
          { where: 'model stream' },
        );
      }
      default:
        return; // ping and events this agent does not need
    }
  }

  /** The finished answer; a stream that ended early is an error. */
  finish(eventCount: number): ModelAnswer {
    if (!this.started || !this.stopped) {
      throw new AppError(
        'IO',
        `expected the stream to end with message_stop, got ${this.started ? 'an end' : 'no message_start'} after ${eventCount} events`,
        { where: 'model stream' },
      );
    }
    const content: AnswerBlock[] = [];
    for (const index of [...this.blocks.keys()].sort((a, b) => a - b)) {
      const block = this.blocks.get(index);
      if (block?.type === 'text' && block.text !== '') content.push({ type: 'text', text: block.text });
      if (block?.type === 'tool_use') content.push({ type: 'tool_use', id: block.id, name: block.name, input: parseToolInput(block) });
    }
    return { id: this.id, model: this.model, content, stopReason: this.stopReason, usage: this.usage };
  }

  private addDelta(index: number, delta: Record<string, unknown>): void {
    const block = this.blocks.get(index);
    if (block?.type === 'text' && delta.type === 'text_delta' && typeof delta.text === 'string') block.text += delta.text;
    if (block?.type === 'tool_use' && delta.type === 'input_json_delta' && typeof delta.partial_json === 'string')
      block.json += delta.partial_json;
  }
}

/** The answer of a non-streaming call (a server that ignored `stream: true`). */
export function readJsonMessage(message: Record<string, unknown>): ModelAnswer {
  const content: AnswerBlock[] = [];
  for (const raw of Array.isArray(message.content) ? message.content : []) {
    const block = asRecord(raw);
    if (block.type === 'text' && typeof block.text === 'string' && block.text !== '') content.push({ type: 'text', text: block.text });
    if (block.type === 'tool_use')
      content.push({ type: 'tool_use', id: String(block.id ?? ''), name: String(block.name ?? ''), input: block.input ?? {} });
  }
  return {
    id: typeof message.id === 'string' ? message.id : null,
    model: typeof message.model === 'string' ? message.model : null,
    content,
    stopReason: typeof message.stop_reason === 'string' ? message.stop_reason : null,
    usage: overwriteUsage(zeroUsage(), message.usage),
  };
}

function openBlock(block: Record<string, unknown>): OpenBlock {
  if (block.type === 'text') return { type: 'text', text: typeof block.text === 'string' ? block.text : '' };
  if (block.type === 'tool_use')
    return { type: 'tool_use', id: String(block.id ?? ''), name: String(block.name ?? ''), json: '', startInput: block.input ?? {} };
  return { type: 'other' };
}

/** The streamed arguments, else the input the block started with; arguments that are not JSON stay a string the tool refuses. */
function parseToolInput(block: { json: string; startInput: unknown }): unknown {
  if (block.json.trim() === '') return block.startInput;
  try {
    return JSON.parse(block.json);
  } catch {
    return { unparsed_arguments: block.json };
  }
}

function indexOf(data: Record<string, unknown>): number {
  return typeof data.index === 'number' ? data.index : 0;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
