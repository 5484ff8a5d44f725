// Splits a whole SSE body into its events (for tests and benchmarks that read what the scripted server sent).

export interface ParsedSseEvent {
  event: string | null;
  /** The data lines joined by newlines. */
  data: string;
  /** `data` parsed as JSON, or null when it is not JSON. */
  json: Record<string, unknown> | null;
}

export function parseSseText(text: string): ParsedSseEvent[] {
  const events: ParsedSseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (block.trim() === '') continue;
    let event: string | null = null;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    const joined = data.join('\n');
    events.push({ event, data: joined, json: parseJson(joined) });
  }
  return events;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
