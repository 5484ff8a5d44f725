// What a transcript keeps of one response while it streams in: text, tool calls and stop reason, up to a byte cap.
import { dropPartialKeyAtEnd } from '../../ledger/evidence/index.js';

export interface DraftToolCall {
  id: string | null;
  name: string;
  input: string;
}

export interface ResponseDraft {
  text: string;
  toolCalls: DraftToolCall[];
  stopReason: string | null;
  /** Bytes of text and tool input kept so far (UTF-8). */
  kept: number;
  /** Bytes of the response body seen, kept or not. */
  bytes: number;
  /** Some text or tool input was dropped at the cap, or the body could not be read whole. */
  truncated: boolean;
  readonly cap: number;
}

export function createResponseDraft(cap: number): ResponseDraft {
  return { text: '', toolCalls: [], stopReason: null, kept: 0, bytes: 0, truncated: false, cap };
}

/**
 * Takes as much of `piece` as the cap still allows; the rest is dropped and the draft marked truncated. `cut` says
 * that this piece was cut (or dropped): the text it ends must then lose its partial key (dropPartialKeyAtEnd), since
 * the text is redacted only later, when what was cut away can no longer complete a key's shape.
 */
function takeWithinCap(draft: ResponseDraft, piece: string): { taken: string; cut: boolean } {
  if (piece === '') return { taken: '', cut: false };
  const room = draft.cap - draft.kept;
  const size = Buffer.byteLength(piece, 'utf8');
  if (size <= room) {
    draft.kept += size;
    return { taken: piece, cut: false };
  }
  draft.truncated = true;
  draft.kept = draft.cap;
  if (room <= 0) return { taken: '', cut: true };
  // Whole characters only: back up over UTF-8 continuation bytes (10xxxxxx) so the cut falls between characters.
  const bytes = Buffer.from(piece, 'utf8');
  let end = room;
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end -= 1;
  return { taken: bytes.subarray(0, end).toString('utf8'), cut: true };
}

/** Ends the draft where it stands (its stream's middle was not kept): no more text, and no half key left at its end. */
export function closeDraft(draft: ResponseDraft): void {
  draft.text = dropPartialKeyAtEnd(draft.text);
  const last = draft.toolCalls[draft.toolCalls.length - 1];
  if (last) last.input = dropPartialKeyAtEnd(last.input);
  draft.kept = draft.cap;
  draft.truncated = true;
}

export function appendDraftText(draft: ResponseDraft, piece: string): void {
  const { taken, cut } = takeWithinCap(draft, piece);
  draft.text = cut ? dropPartialKeyAtEnd(draft.text + taken) : draft.text + taken;
}

export function startDraftToolCall(draft: ResponseDraft, id: string | null, name: string, input = ''): DraftToolCall {
  const { taken, cut } = takeWithinCap(draft, input);
  const call: DraftToolCall = { id, name, input: cut ? dropPartialKeyAtEnd(taken) : taken };
  draft.toolCalls.push(call);
  return call;
}

export function appendDraftToolInput(draft: ResponseDraft, call: DraftToolCall, piece: string): void {
  const { taken, cut } = takeWithinCap(draft, piece);
  call.input = cut ? dropPartialKeyAtEnd(call.input + taken) : call.input + taken;
}

/** Small defensive readers for the event payloads (they come from a back end, so anything may be missing). */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function asString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A tool input given as an object (a JSON body's tool_use) or already as JSON text (Responses' arguments). */
export function stringifyInput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** A string, or the texts of an array of parts (`{type: 'text' | 'input_text' | 'output_text', text}`) joined. */
export function joinText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return content === undefined || content === null ? '' : stringifyInput(content);
  return content
    .map((part) => {
      const record = asRecord(part);
      return asString(record?.text) ?? (record?.type ? `[${String(record.type)}]` : '');
    })
    .join('\n');
}
