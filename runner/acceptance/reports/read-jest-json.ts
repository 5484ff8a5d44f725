// Reads the JSON report vitest (`--reporter=json`) and jest (`--json`) print on stdout: counts and per-test verdicts; pure.
import * as z from 'zod';
import { recordVerdict, tallyVerdicts, type Verdict } from './tally-verdicts.js';
import type { TestCounts } from './test-counts.js';

/** The fields read; jest's format (jest docs, "--json"), which vitest's json reporter follows (checked with vitest 4.1). */
const ReportSchema = z.looseObject({
  testResults: z.array(
    z.looseObject({
      name: z.string(),
      status: z.string().optional(),
      assertionResults: z
        .array(z.looseObject({ ancestorTitles: z.array(z.string()).default([]), title: z.string(), status: z.string() }))
        .default([]),
    }),
  ),
});

const STATUSES: Record<string, Verdict> = {
  passed: 'pass',
  failed: 'fail',
  skipped: 'skip',
  pending: 'skip',
  todo: 'skip',
  disabled: 'skip',
};

/**
 * The last line that parses as such a report. Each test is "file > ancestors > title" (the caller makes the file
 * relative to the work folder); a file that failed to load has no tests and counts as one failed test named by
 * its file, as a failed suite does in jest's own summary. Undefined when no line is such a report.
 */
export function readJestJson(text: string): (TestCounts & { verdicts: Map<string, Verdict> }) | undefined {
  let found: z.infer<typeof ReportSchema> | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('{"')) continue;
    try {
      const parsed = ReportSchema.safeParse(JSON.parse(line));
      if (parsed.success) found = parsed.data;
    } catch {
      // not JSON: output of the code under test
    }
  }
  found ??= readIndentedReport(text);
  if (found === undefined) return undefined;
  const verdicts = new Map<string, Verdict>();
  for (const file of found.testResults) {
    if (file.assertionResults.length === 0 && file.status === 'failed') recordVerdict(verdicts, file.name, 'fail');
    for (const test of file.assertionResults)
      recordVerdict(verdicts, [file.name, ...test.ancestorTitles, test.title].join(' > '), STATUSES[test.status] ?? 'fail');
  }
  return { ...tallyVerdicts(verdicts.values()), verdicts };
}

/** Older vitest (0.x) prints the report indented over many lines: from a line "{" to the last line "}". */
function readIndentedReport(text: string): z.infer<typeof ReportSchema> | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.indexOf('{');
  const end = lines.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  try {
    const parsed = ReportSchema.safeParse(JSON.parse(lines.slice(start, end + 1).join('\n')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
