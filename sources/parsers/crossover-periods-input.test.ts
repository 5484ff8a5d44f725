import { describe, expect, it } from 'vitest';
import { formatCrossoverIssue } from './crossover-input.js';
import { detectCrossoverLayout, parseCrossoverPeriods } from './crossover-periods-input.js';

const HEADER = 'subject,sequence,period,treatment,y';

function refusal(text: string, source = 'williams.csv'): string {
  const result = parseCrossoverPeriods(text);
  if (result.ok) throw new Error('expected a refusal');
  return formatCrossoverIssue(result.issue, source);
}

describe('detectCrossoverLayout', () => {
  it.each([
    [`${HEADER}\n1,ABC,1,A,2\n`, 'periods'],
    ['\uFEFF"Subject","Period","Treatment","Y","Sequence"\n', 'periods'],
    ['subject,sequence,y1,y2\n1,AB,1,2\n', 'subjects'],
    ['[{"subject": 1, "sequence": "AB", "period": 1, "treatment": "A", "y": 2}]', 'periods'],
    ['[{"subject": 1, "sequence": "AB", "y1": 1, "y2": 2}]', 'subjects'],
  ])('reads %j as %s', (text, layout) => {
    expect(detectCrossoverLayout(text)).toBe(layout);
  });
});

describe('parseCrossoverPeriods', () => {
  it('reads CSV in any column order and case, with extra columns and blank lines, and JSON', () => {
    const csv = parseCrossoverPeriods('Y,Treatment,Period,Subject,Sequence,note\r\n2.5,A,1,s1,AB,x\r\n\r\n3,B,2,s1,AB,\r\n');
    expect(csv).toEqual({
      ok: true,
      value: {
        format: 'csv',
        observations: [
          { subject: 's1', sequence: 'AB', period: 1, treatment: 'A', y: 2.5, line: 2 },
          { subject: 's1', sequence: 'AB', period: 2, treatment: 'B', y: 3, line: 4 },
        ],
      },
    });
    const json = parseCrossoverPeriods('[\n{"subject": 7, "sequence": "claude-codex", "period": 1, "treatment": "claude", "y": 1e-3}\n]');
    expect(json.ok && json.value.observations[0]).toEqual({
      subject: '7',
      sequence: 'claude-codex',
      period: 1,
      treatment: 'claude',
      y: 0.001,
      line: 2,
    });
  });

  it.each([
    [`${HEADER}\ns1,ABC,1,A,x\n`, 'williams.csv line 2: y: expected a number, got "x"'],
    [`${HEADER}\ns1,ABC,1,A,\n`, 'williams.csv line 2: y: expected a number, got "" (leave out the rows of periods not measured)'],
    [`${HEADER}\ns1,ABC,1,A,1e999\n`, 'williams.csv line 2: y: expected a number, got "1e999"'],
    [`${HEADER}\ns1,ABC,0,A,1\n`, 'williams.csv line 2: period: expected a whole number >= 1, got "0"'],
    [`${HEADER}\ns1,ABC,1.5,A,1\n`, 'williams.csv line 2: period: expected a whole number >= 1, got "1.5"'],
    [`${HEADER}\ns1,ABC,1,,1\n`, 'williams.csv line 2: treatment: expected a treatment name, got ""'],
    [`${HEADER}\ns1,,1,A,1\n`, 'williams.csv line 2: sequence: expected the subject\'s sequence label (e.g. ABDC), got ""'],
    [`${HEADER}\n,ABC,1,A,1\n`, 'williams.csv line 2: subject: expected a subject id, got ""'],
    [`${HEADER}\ns1,ABC,1,A,1\ns1,ACB,2,B,1\n`, 'williams.csv line 3: sequence: subject "s1" is in sequence "ABC" on line 2, here "ACB"'],
    [`${HEADER}\ns1,ABC,1,A,1\ns1,ABC,1,A,2\n`, 'williams.csv line 3: period: subject "s1" has period 1 twice (first on line 2)'],
    [
      `${HEADER}\ns1,ABC,1,A,1\ns1,ABC,2,C,1\ns1,ABC,3,B,1\n`,
      'williams.csv line 3: treatment: sequence "ABC" has B in period 2, this row has "C"',
    ],
    [
      `${HEADER}\ns1,AB,1,A,1\ns1,AB,2,B,1\ns1,AB,3,A,1\n`,
      'williams.csv line 4: treatment: sequence "AB" has 2 periods, this row is in period 3',
    ],
    [
      `${HEADER}\ns1,q1,1,claude,1\ns2,q1,1,codex,1\n`,
      'williams.csv line 3: treatment: sequence "q1" has "claude" in period 1 on line 2, this row has "codex"',
    ],
    [
      'subject,sequence,period,y\ns1,AB,1,1\n',
      'williams.csv line 1: the header has no treatment column (expected subject,sequence,period,treatment,y, got "subject,sequence,period,y")',
    ],
    [`${HEADER}\ns1,AB,1,A\n`, 'williams.csv line 2: this row has 4 fields, the header has 5'],
    [`${HEADER}\n`, 'williams.csv: no observations: expected one row per subject and period'],
    [
      '[{"subject": "s1", "sequence": "AB", "period": "1", "treatment": "A", "y": 1}]',
      'williams.csv line 1: period: expected a whole number >= 1, got "1"',
    ],
    ['[1]', 'williams.csv line 1: record 1: expected an object with subject, sequence, period, treatment, y'],
  ])('refuses %j naming the line and column', (text, message) => {
    expect(refusal(text)).toBe(message);
  });
});
