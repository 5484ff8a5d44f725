// Scores mocha's json reporter (`mocha --reporter json`): the indented report it prints last on stdout; pure.
import * as z from 'zod';
import { recordVerdict, tallyVerdicts, type Verdict } from './tally-verdicts.js';
import type { TestCounts } from './test-counts.js';

const TestSchema = z.looseObject({ fullTitle: z.string(), file: z.string().optional() });
/** The fields read (mocha 10's lib/reporters/json.js): each list holds a test's title path and file. */
const ReportSchema = z.looseObject({
  stats: z.looseObject({ tests: z.number() }),
  passes: z.array(TestSchema),
  failures: z.array(TestSchema),
  pending: z.array(TestSchema),
});

/**
 * Each test as "file > full title" (the caller makes the file relative): passes, failures (a failing hook is one
 * failed entry) and pending (skipped). The report is the last block from a line "{" to the last line "}" that parses:
 * what tests print with console.log comes before it on the same stream. null when there is none (mocha prints no
 * report when a test file fails to load).
 */
export function parseMocha(text: string): TestCounts | null {
  const lines = text.split(/\r?\n/);
  const end = lines.lastIndexOf('}');
  for (let start = lines.lastIndexOf('{', end); start >= 0; start = lines.lastIndexOf('{', start - 1)) {
    const report = readReport(lines.slice(start, end + 1).join('\n'));
    if (report === undefined) continue;
    const verdicts = new Map<string, Verdict>();
    const name = (test: z.infer<typeof TestSchema>): string => (test.file ? `${test.file} > ${test.fullTitle}` : test.fullTitle);
    for (const test of report.passes) recordVerdict(verdicts, name(test), 'pass');
    for (const test of report.pending) recordVerdict(verdicts, name(test), 'skip');
    for (const test of report.failures) recordVerdict(verdicts, name(test), 'fail');
    return { ...tallyVerdicts(verdicts.values()), verdicts };
  }
  return null;
}

function readReport(text: string): z.infer<typeof ReportSchema> | undefined {
  try {
    const parsed = ReportSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
