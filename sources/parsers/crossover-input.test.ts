import { describe, expect, it } from 'vitest';
import { formatCrossoverIssue, parseCrossoverInput, type CrossoverInputResult } from './crossover-input.js';

function issueLine(result: CrossoverInputResult, source = 'crossover.csv'): string {
  if (result.ok) throw new Error('expected a refusal');
  return formatCrossoverIssue(result.issue, source);
}

describe('parseCrossoverInput: CSV', () => {
  it('reads subjects, ignores extra columns and blank lines, and takes any case and column order', () => {
    const result = parseCrossoverInput('\uFEFFSequence,Subject,y2,y1,feature_id\r\nAB,1,270,310,F1\r\n\r\nba, 2 ,385,370,F2\r\n');
    expect(result).toEqual({
      ok: true,
      value: {
        format: 'csv',
        subjects: [
          { subject: '1', sequence: 'AB', y1: 310, y2: 270, line: 2 },
          { subject: '2', sequence: 'BA', y1: 370, y2: 385, line: 4 },
        ],
      },
    });
  });

  it('names the file, line and column of a bad sequence', () => {
    const text = 'subject,sequence,y1,y2\n1,AB,1,2\n2,BA,3,4\n3,AC,5,6\n';
    expect(issueLine(parseCrossoverInput(text))).toBe('crossover.csv line 4: sequence: expected AB or BA, got "AC"');
  });

  it.each([
    ['subject,sequence,y1,y2\n1,AB,abc,2\n', 'crossover.csv line 2: y1: expected a number, got "abc"'],
    [
      'subject,sequence,y1,y2\n1,AB,1,NA\n',
      'crossover.csv line 2: y2: expected a number, got "NA" (leave out subjects without both periods)',
    ],
    ['subject,sequence,y1,y2\n1,AB,1,\n', 'crossover.csv line 2: y2: expected a number, got "" (leave out subjects without both periods)'],
    ['subject,sequence,y1,y2\n1,AB,0x10,2\n', 'crossover.csv line 2: y1: expected a number, got "0x10"'],
    ['subject,sequence,y1,y2\n,AB,1,2\n', 'crossover.csv line 2: subject: expected a subject id, got ""'],
    [
      'subject,sequence,y1,y2\n7,AB,1,2\n7,BA,1,2\n',
      'crossover.csv line 3: subject: "7" appears twice (first on line 2): one row per subject, with both periods',
    ],
    [
      'subject,sequence,y1\n1,AB,1\n',
      'crossover.csv line 1: the header has no y2 column (expected subject,sequence,y1,y2, got "subject,sequence,y1")',
    ],
    ['subject,sequence,y1,y2,y2\n1,AB,1,2,3\n', 'crossover.csv line 1: y2: the header names this column twice'],
    ['subject,sequence,y1,y2\n1,AB,1\n', 'crossover.csv line 2: this row has 3 fields, the header has 4'],
    [
      'subject,sequence,y1,y2\n1,"AB,1,2\n',
      'crossover.csv line 2: not valid CSV: Quote Not Closed: the parsing is finished with an opening quote',
    ],
    ['', 'crossover.csv: no data: expected a header row subject,sequence,y1,y2 and one row per subject'],
    ['subject,sequence,y1,y2\n', 'crossover.csv: no subjects: expected one row per subject'],
  ])('refuses %j', (text, message) => {
    expect(issueLine(parseCrossoverInput(text))).toBe(message);
  });

  it('takes only 0 and 1 with --binary', () => {
    expect(parseCrossoverInput('subject,sequence,y1,y2\n1,AB,1,0\n', { binary: true }).ok).toBe(true);
    expect(issueLine(parseCrossoverInput('subject,sequence,y1,y2\n1,AB,1,2\n', { binary: true }))).toBe(
      'crossover.csv line 2: y2: expected 0 or 1 (pass/fail), got "2"',
    );
  });
});

describe('parseCrossoverInput: JSON', () => {
  const good =
    '[\n  {"subject": 1, "sequence": "AB", "y1": 310, "y2": 270},\n  {"subject": "2", "sequence": "BA", "y1": 370, "y2": 385}\n]\n';

  it('reads an array of objects, numbering each record by the line it starts on', () => {
    const result = parseCrossoverInput(good);
    expect(result.ok && result.value.format).toBe('json');
    expect(result.ok && result.value.subjects).toEqual([
      { subject: '1', sequence: 'AB', y1: 310, y2: 270, line: 2 },
      { subject: '2', sequence: 'BA', y1: 370, y2: 385, line: 3 },
    ]);
  });

  it('names the line of a bad record and the line and column of a syntax error', () => {
    const bad = good.replace('"BA"', '"AA"');
    expect(issueLine(parseCrossoverInput(bad), 'c.json')).toBe('c.json line 3: sequence: expected AB or BA, got "AA"');
    const numberAsText = good.replace('"y1": 370', '"y1": "370"');
    expect(issueLine(parseCrossoverInput(numberAsText), 'c.json')).toBe('c.json line 3: y1: expected a number, got "370"');
    expect(issueLine(parseCrossoverInput('[\n  {"subject": 1,, "sequence": "AB"}\n]'), 'c.json')).toMatch(
      /^c\.json line 2: column 17: not valid JSON: /,
    );
    expect(issueLine(parseCrossoverInput('{"subject": 1}'), 'c.json')).toBe(
      'c.json line 1: expected a JSON array of {"subject", "sequence", "y1", "y2"} objects',
    );
    expect(issueLine(parseCrossoverInput('[1]'), 'c.json')).toBe(
      'c.json line 1: record 1: expected an object with subject, sequence, y1, y2',
    );
  });

  it('finds record lines past strings holding brackets and commas', () => {
    const tricky = '[{"subject": "a,[b]", "sequence": "AB", "y1": 1, "y2": 2},\n{"subject": "c\\"]", "sequence": "XY", "y1": 1, "y2": 2}]';
    expect(issueLine(parseCrossoverInput(tricky), 'c.json')).toBe('c.json line 2: sequence: expected AB or BA, got "XY"');
  });
});

describe('parseCrossoverInput never throws', () => {
  it('answers random bytes and cut-off files with a result', () => {
    let state = 12345;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const seeds = [
      'subject,sequence,y1,y2\n1,AB,310,270\n2,BA,370,385\n',
      '[{"subject": 1, "sequence": "AB", "y1": 1, "y2": 0}]',
      ',"[]{}\n\r\\',
    ];
    for (let round = 0; round < 500; round += 1) {
      const seed = seeds[round % seeds.length] as string;
      const cut = seed.slice(0, Math.floor(next() * (seed.length + 1)));
      const noise = Array.from({ length: Math.floor(next() * 20) }, () => String.fromCharCode(Math.floor(next() * 128))).join('');
      const text = round % 2 === 0 ? cut + noise : noise + cut;
      expect(() => parseCrossoverInput(text, { binary: round % 3 === 0 })).not.toThrow();
    }
  });
});
