// The byte reader of completion rows must give what the text reader gives on every row it reads itself.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLedger } from '../../bench/generate-ledger.js';
import { OUTCOMES, ROW_SOURCES } from '../schemas/index.js';
import { createCompletionRow, readCompletionBytes, ROW_AS_TEXT, ROW_OTHER_KIND, ROW_READ } from './read-completion-bytes.js';
import { createCompletionReader, type CompletionFields } from './read-completion-fields.js';
import { WINDOW_ROW } from './test-fixtures/window-row.js';

const UNITS = [null, 'pct_5h', 'tokens'] as const;

/**
 * The byte reader's verdict on a line, with its row turned into the fields the text reader returns, and the
 * text reader's fields with the source as the completion table keeps it (one it does not know reads as manual).
 */
function readBoth(line: string): { verdict: number; bytes: CompletionFields | null; text: CompletionFields | null | undefined } {
  const data = Buffer.from(`${line}\n`, 'utf8');
  const row = createCompletionRow();
  const verdict = readCompletionBytes(data, 0, data.length - 1, row);
  const text = data.toString('latin1', 0, data.length - 1);
  const read = createCompletionReader(text, (start, end) => data.toString('utf8', start, end))(0, text.length);
  const fromText = read ? { ...read, source: (ROW_SOURCES as readonly string[]).includes(read.source) ? read.source : 'manual' } : read;
  if (verdict !== ROW_READ) return { verdict, bytes: null, text: fromText };
  const number = (value: number): number | null => (Number.isNaN(value) ? null : value);
  const unit = UNITS[row.unit] ?? null;
  return {
    verdict,
    text: fromText,
    bytes: {
      id: data.toString('latin1', row.idStart, row.idEnd),
      key: data.toString('latin1', row.span.keyStart, row.span.keyEnd),
      quality: row.quality,
      outcome: OUTCOMES[row.outcome] as CompletionFields['outcome'],
      featureId: row.featureStart === -1 ? null : data.toString('latin1', row.featureStart, row.featureEnd),
      capacity: unit === null ? null : { unit, before: number(row.before), after: number(row.after), delta: number(row.delta) },
      errors: [],
      source: ROW_SOURCES[row.source] ?? 'manual',
    },
  };
}

describe('readCompletionBytes', () => {
  // With a source other than manual, a commit and a methodology holding quotes, a backslash and a field name.
  const window = {
    ...WINDOW_ROW,
    source: 'runner',
    commit_end: 'e13f5d0069ca6dfc56f31df688698d9ed635c9f6',
    methodology: 'manual with "quotes", \\ a backslash and "quality_score":9',
  };

  it('reads canonical rows as the text reader does, and leaves it the others', () => {
    const variants: Record<string, unknown>[] = [
      window,
      { ...window, feature_id: null, capacity: null, source: 'made-up' },
      { ...window, quality_score: 1, capacity: { unit: 'tokens', before: 100, after: 90, delta: null } },
      { ...window, quality_score: 0.1 + 0.2, capacity: { unit: 'pct_5h', before: -0.5, after: 1e-7, delta: 123456789012345678 } },
      { ...window, quality_score: 1e21, outcome: 'budget-exceeded' },
      { ...window, feature_id: 'F-"quoted"', outcome: 'great' },
      { ...window, capacity: { unit: 'pct_5h', before: 1, after: 2, delta: 1, tokens: { before: 5, after: 9, delta: 4 } } },
      { ...window, errors: ['negative-delta'] },
      { ...window, id: 'id\\with-escape' },
      { ...window, kind: 'snapshot' },
      { ...window, source: undefined },
      { ...window, feature_id: 7 },
      { ...window, quality_score: -0 },
    ];
    const lines = [
      ...variants.map((row) => JSON.stringify(row)),
      JSON.stringify(window, null, 1).replace(/\n/g, ''),
      '{"id":"x","kind":"window"',
      'junk',
    ];
    // Number forms JSON.stringify never writes, by hand: both readers take what Number() takes, or fall back.
    const numbers = [
      '5.',
      '.5',
      '1.2.3',
      '--1',
      '1e5',
      '+1',
      '-',
      '123456789012345.5',
      '1234567890123456',
      '0.1000000000000000055511151231257827',
    ];
    for (const form of numbers) {
      const { verdict, bytes, text } = readBoth(
        JSON.stringify(window).replace('"quality_score":0.75', `"quality_score":${form}`).replace('"after":32.5', `"after":${form}`),
      );
      if (verdict === ROW_READ) expect(bytes, form).toEqual(text);
      else expect(text === undefined || text === null || verdict === ROW_AS_TEXT, form).toBe(true);
    }
    const verdicts = lines.map((line) => {
      const { verdict, bytes, text } = readBoth(line);
      if (verdict === ROW_READ) expect(bytes, line).toEqual(text);
      if (verdict === ROW_OTHER_KIND) expect(text, line).toBeNull();
      return verdict;
    });
    expect(verdicts).toEqual([0, 0, 0, 0, 0, 2, 2, 2, 2, 1, 0, 0, 0, 2, 2, 2].map((code) => [ROW_READ, ROW_OTHER_KIND, ROW_AS_TEXT][code]));
  });

  it('reads the rows of a generated ledger itself (corrections and recorded errors aside) as the text reader does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'completion-bytes-'));
    try {
      generateLedger(dir, 4_000);
      const lines = readFileSync(join(dir, 'windows.jsonl'), 'utf8').trimEnd().split('\n');
      const asText = lines.filter((line) => {
        const { verdict, bytes, text } = readBoth(line);
        if (verdict === ROW_READ) expect(bytes).toEqual(text);
        return verdict !== ROW_READ;
      });
      // A correction writes supersedes between agent_id and provider (not the canonical key); errors are rare.
      expect(asText.length).toBeGreaterThan(0);
      expect(asText.every((line) => line.includes('"supersedes"') || !line.includes('"errors":[]'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
