// Reads a window schedule: one window a line, `ID PROVIDER START LENGTH`, with # comments.
import type { z } from 'zod';
import { ProviderIdSchema, WindowIdSchema } from '../../ledger/index.js';

export interface ScheduledWindow {
  id: string;
  provider: string;
  start: number;
  /** Epoch ms when the window ends and its `after` is due. */
  end: number;
  line: number;
}

export type ScheduleResult = { ok: true; windows: ScheduledWindow[] } | { ok: false; line: number; message: string };

const LENGTH = /^(\d+(?:\.\d+)?)(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Example line: `w-claude-am  claude  2026-11-21T09:00:00Z  2h`. Times need a zone (Z or an offset); lengths
 * take m, h or d. A window id may appear once. Never throws; the first problem is reported with its line.
 */
export function parseSchedule(text: string): ScheduleResult {
  const windows: ScheduledWindow[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const content = raw.replace(/#.*/, '').trim();
    if (content === '') continue;
    const fields = content.split(/\s+/);
    if (fields.length !== 4) return { ok: false, line, message: `expected 4 fields (id provider start length), got ${fields.length}` };
    const [id = '', provider = '', start = '', length = ''] = fields;
    for (const [schema, value, name] of [
      [WindowIdSchema, id, 'id'],
      [ProviderIdSchema, provider, 'provider'],
    ] as const) {
      const parsed = (schema as z.ZodType<string>).safeParse(value);
      if (!parsed.success)
        return { ok: false, line, message: `${name}: ${parsed.error.issues[0]?.message ?? 'invalid'}, got ${JSON.stringify(value)}` };
    }
    if (seen.has(id)) return { ok: false, line, message: `window ${id} is scheduled twice` };
    seen.add(id);
    const at = Date.parse(start);
    if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(start) || Number.isNaN(at)) {
      return {
        ok: false,
        line,
        message: `start: expected an ISO time with a zone such as 2026-11-21T09:00:00Z, got ${JSON.stringify(start)}`,
      };
    }
    const match = LENGTH.exec(length);
    if (!match) return { ok: false, line, message: `length: expected a duration such as 90m, 2h or 1d, got ${JSON.stringify(length)}` };
    const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    if (ms <= 0) return { ok: false, line, message: 'length: expected more than zero' };
    windows.push({ id, provider, start: at, end: at + ms, line });
  }
  return { ok: true, windows };
}
