// Tests for format detection and early refusals, and for the docs/examples pastes the user guide relies on.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectInputFormat, parseCapacityInput, type InputFormat } from './detect-input.js';
import type { ParseContext, Reading } from './reading.js';

const example = (name: string): string => readFileSync(new URL(`../../docs/examples/${name}`, import.meta.url), 'utf8');
const fixture = (name: string): string => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url), 'utf8');
/** The capture time the docs use with `--at`. */
const ctx: ParseContext = { capturedAt: new Date('2026-11-21T12:00:00Z'), timeZone: 'UTC' };

function read(text: string, format: InputFormat = 'auto'): Reading {
  const result = parseCapacityInput(text, ctx, format);
  if (!result.ok) throw new Error(`expected a reading, got: ${result.issues.map((i) => i.message).join('; ')}`);
  return result.value;
}

function refusal(text: string, format: InputFormat = 'auto'): string {
  const result = parseCapacityInput(text, ctx, format);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.issues.map((i) => i.message).join('; ');
}

describe('parseCapacityInput refusals', () => {
  it('refuses empty and whitespace-only input', () => {
    expect(refusal('')).toBe('input is empty');
    expect(refusal(' \n\t\r\n ')).toBe('input is empty');
    expect(refusal('\u001b[0m\n')).toBe('input is empty');
  });

  it('refuses binary input, giving the NUL offset', () => {
    expect(refusal('5h limit: 12\u0000\u0001')).toBe('input looks binary (NUL byte at offset 12)');
  });

  it('refuses mostly unprintable input', () => {
    expect(refusal('\u0001\u0002\u0003\u0004ab\u0005\ufffd\ufffd')).toBe('input looks binary (7 of 9 characters are not printable)');
  });

  it('refuses unrecognised text, quoting its first line', () => {
    expect(refusal('\n  hello there\nsecond line')).toBe(
      'input is not a Codex /status, Claude /usage or JSON reading (it starts with "hello there")',
    );
  });

  it('refuses an unknown format name and oversized input', () => {
    expect(refusal('{}', 'yaml' as InputFormat)).toBe('unknown input format "yaml" (expected auto, codex-status, claude-usage, json)');
    expect(refusal('x'.repeat(2_000_001))).toBe('input is too large (2000001 characters; a pasted screen is at most a few thousand)');
  });
});

describe('format detection', () => {
  it('detects each format from its markers', () => {
    expect(detectInputFormat('  {"tokens": {"total": 1}}')).toBe('json');
    expect(detectInputFormat('│  5h limit:  [██] 10% left (resets 14:00) │')).toBe('codex-status');
    expect(detectInputFormat('Weekly limit: [██] 10% used')).toBe('codex-status');
    expect(detectInputFormat(' Current week (all models)\n 4% used')).toBe('claude-usage');
    expect(detectInputFormat('nothing here')).toBeNull();
  });

  it('strips ANSI codes and carriage returns before detecting', () => {
    const coloured = '\u001b[2J\u001b[1mCurrent session\u001b[0m\r\n \u001b[32m12% used\u001b[0m\r\n Resets 7pm (UTC)\r\n';
    expect(read(coloured).bars.five_hour).toEqual({
      used_pct: 12,
      resets_at: '2026-11-21T19:00:00.000Z',
      resets_text: '7pm (UTC)',
      window_minutes: 300,
    });
  });

  it('uses the format it is told, even when another would match', () => {
    expect(refusal(fixture('codex-used-form.txt'), 'json')).toMatch(/^invalid JSON: expected a value/);
    expect(refusal(fixture('codex-used-form.txt'), 'claude-usage')).toBe(
      "expected a 'Current session' or 'Current week (all models)' section",
    );
  });
});

describe('docs/examples', () => {
  const codexBar = (used: number, resetsAt: string, text: string, minutes: number) => ({
    used_pct: used,
    resets_at: resetsAt,
    resets_text: text,
    window_minutes: minutes,
  });

  it('codex-status-before.txt: 5h 20% used, weekly 40% used', () => {
    expect(read(example('codex-status-before.txt'))).toEqual({
      format: 'codex-status',
      bars: {
        five_hour: codexBar(20, '2026-11-21T14:32:00.000Z', '14:32', 300),
        weekly: codexBar(40, '2026-11-22T09:10:00.000Z', '09:10', 10080),
      },
      parse_errors: [],
    });
  });

  it('codex-status-after.txt: higher 5h use, same resets', () => {
    const bars = read(example('codex-status-after.txt')).bars;
    expect(bars.five_hour).toEqual(codexBar(35, '2026-11-21T14:32:00.000Z', '14:32', 300));
    expect(bars.weekly).toEqual(codexBar(43, '2026-11-22T09:10:00.000Z', '09:10', 10080));
  });

  it('codex-status-two-panes.txt: the last pane, trimmed', () => {
    const reading = read(example('codex-status-two-panes.txt'));
    expect(reading.parse_errors).toEqual(['multi-pane-trimmed']);
    expect([reading.bars.five_hour?.used_pct, reading.bars.weekly?.used_pct]).toEqual([27, 41]);
  });

  it('codex-status-old-used-form.txt reads like the before screen', () => {
    expect(read(example('codex-status-old-used-form.txt'))).toEqual(read(example('codex-status-before.txt')));
  });

  it('claude-usage-before.txt and claude-usage-after.txt', () => {
    const claudeBar = (used: number, resetsAt: string, text: string, minutes: number) => codexBar(used, resetsAt, text, minutes);
    expect(read(example('claude-usage-before.txt')).bars).toEqual({
      five_hour: claudeBar(20, '2026-11-21T15:00:00.000Z', '3pm (UTC)', 300),
      weekly: claudeBar(40, '2026-11-21T23:00:00.000Z', '11pm (UTC)', 10080),
      weekly_sonnet: claudeBar(5, '2026-11-21T23:00:00.000Z', '11pm (UTC)', 10080),
    });
    const after = read(example('claude-usage-after.txt')).bars;
    expect([after.five_hour?.used_pct, after.weekly?.used_pct, after.weekly_sonnet?.used_pct]).toEqual([32, 44, 6]);
  });

  it('plain-reading.json', () => {
    expect(read(example('plain-reading.json'))).toEqual({
      format: 'json',
      bars: {
        five_hour: { used_pct: 42, resets_at: '2026-11-21T15:00:00.000Z', window_minutes: 300 },
        weekly: { used_pct: 10, resets_at: null, window_minutes: 10080 },
      },
      tokens: { total: 12345, input: 1000, output: 200 },
      cost_usd: 1.2,
      parse_errors: [],
    });
  });
});
