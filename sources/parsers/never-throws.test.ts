// Property-style tests: every parser answers random bytes, cut-off and shuffled screens with a result, never a throw.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseClaudeUsage } from './claude-usage.js';
import { parseCodexStatus } from './codex-status.js';
import { parseCapacityInput } from './detect-input.js';
import { parsePlainJson } from './plain-json.js';
import { ReadingSchema, type ParseContext, type ParseResult, type Reading } from './reading.js';

const fixturesDir = new URL('./test-fixtures/', import.meta.url);
const examplesDir = new URL('../../docs/examples/', import.meta.url);
const screens = [
  ...readdirSync(fixturesDir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(new URL(entry.name, fixturesDir), 'utf8')),
  ...readdirSync(examplesDir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.md'))
    .map((entry) => readFileSync(new URL(entry.name, examplesDir), 'utf8')),
];

const contexts: ParseContext[] = [
  { capturedAt: new Date('2026-11-21T12:00:00Z'), timeZone: 'UTC' },
  { capturedAt: new Date('2026-12-31T23:59:59Z'), timeZone: 'Pacific/Kiritimati' },
  { capturedAt: new Date('not a date'), timeZone: 'Not/AZone' },
];

type Parser = (text: string, ctx: ParseContext) => ParseResult<Reading>;
const parsers: [string, Parser][] = [
  ['parseCodexStatus', parseCodexStatus],
  ['parseClaudeUsage', parseClaudeUsage],
  ['parsePlainJson', parsePlainJson],
  ['parseCapacityInput auto', (text, ctx) => parseCapacityInput(text, ctx)],
  ['parseCapacityInput codex-status', (text, ctx) => parseCapacityInput(text, ctx, 'codex-status')],
  ['parseCapacityInput claude-usage', (text, ctx) => parseCapacityInput(text, ctx, 'claude-usage')],
];

/** Small seeded generator (mulberry32) so failures reproduce. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What is wrong with a result (a reading the schema refuses, a refusal with no usable issue), or null when it is well-formed. */
function describeMalformed(result: ParseResult<Reading>): string | null {
  if (result.ok) return ReadingSchema.safeParse(result.value).success ? null : 'returned an invalid reading';
  if (result.issues.length === 0) return 'refused with no issue';
  for (const issue of result.issues) {
    if (typeof issue.message !== 'string' || issue.message.length === 0) return 'gave an issue with no message';
    if (issue.line !== undefined && !(Number.isInteger(issue.line) && issue.line >= 1)) return `gave an issue on line ${issue.line}`;
  }
  return null;
}

/**
 * Feeds every input to every parser in every context and asserts once that none threw or answered malformed, naming
 * each that did: an expect per call (tens of thousands) was most of this file's time.
 */
function feedEverywhere(inputs: string[]): number {
  let calls = 0;
  const problems: string[] = [];
  for (const input of inputs) {
    for (const ctx of contexts) {
      for (const [name, parse] of parsers) {
        let problem: string | null;
        try {
          problem = describeMalformed(parse(input, ctx));
        } catch (error) {
          problem = `threw ${String(error)}`;
        }
        if (problem !== null) problems.push(`${name} ${problem} on ${JSON.stringify(input.slice(0, 80))}`);
        calls += 1;
      }
    }
  }
  expect(problems).toEqual([]);
  return calls;
}

describe('parsers never throw', () => {
  it('on random bytes decoded as UTF-8 and Latin-1', () => {
    const random = seeded(1);
    const inputs: string[] = [];
    for (let i = 0; i < 150; i += 1) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
      inputs.push(bytes.toString('utf8'), bytes.toString('latin1'));
    }
    expect(feedEverywhere(inputs)).toBe(inputs.length * contexts.length * parsers.length);
  });

  it('on screens cut at random points and every line boundary', () => {
    const random = seeded(2);
    const inputs: string[] = [];
    for (const screen of screens) {
      const lines = screen.split('\n');
      for (let n = 0; n <= lines.length; n += 1) inputs.push(lines.slice(0, n).join('\n'));
      for (let i = 0; i < 20; i += 1) inputs.push(screen.slice(0, Math.floor(random() * screen.length)));
    }
    feedEverywhere(inputs);
  });

  it('on shuffled, spliced and mutated screens', () => {
    const random = seeded(3);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
    const noise = ['%', '(', ')', '[', ']', '{', '}', '"', ':', '│', '╭', '\u001b[', 'resets ', '999', '-', 'on 31 Feb', '(Mars/Base)'];
    const inputs: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const lines = [...pick(screens).split('\n'), ...pick(screens).split('\n')];
      for (let j = lines.length - 1; j > 0; j -= 1) {
        if (random() < 0.3) {
          const k = Math.floor(random() * (j + 1));
          [lines[j], lines[k]] = [lines[k] ?? '', lines[j] ?? ''];
        }
      }
      let text = lines.join('\n');
      for (let m = 0; m < 5; m += 1) {
        const at = Math.floor(random() * text.length);
        text = text.slice(0, at) + pick(noise) + text.slice(at + Math.floor(random() * 3));
      }
      inputs.push(text);
    }
    feedEverywhere(inputs);
  });

  it('on pathological and huge inputs, quickly', () => {
    const inputs = [
      '5h limit: ['.repeat(50_000),
      `5h limit: [${'█'.repeat(200_000)}`,
      '('.repeat(100_000),
      `Current session\n${'Resets Oct '.repeat(20_000)}`,
      '['.repeat(100_000),
      '{"a":'.repeat(50_000),
      `{"five_hour": {"used_pct": 1, "x": ${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
      `${'Current week (all models)\n 1% used\n'.repeat(20_000)}`,
      `${'│ 5h limit: [██] 10% left (resets 14:00) │\n'.repeat(20_000)}`,
    ];
    const started = Date.now();
    feedEverywhere(inputs);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
