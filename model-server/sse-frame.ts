// One SSE event as the scripted server sends it, and its wire text (`event:` + `data:` with the type repeated inside).

/** A named event, or a raw line sent as is (a deliberately broken one). */
export type SseFrame = { event: string; data: Record<string, unknown> } | { raw: string };

export function frame(event: string, data: Record<string, unknown> = {}): SseFrame {
  return { event, data };
}

export function encodeFrame(item: SseFrame): string {
  if ('raw' in item) return `${item.raw}\n\n`;
  return `event: ${item.event}\ndata: ${JSON.stringify({ type: item.event, ...item.data })}\n\n`;
}
