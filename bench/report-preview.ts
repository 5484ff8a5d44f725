// Prints the preview bench: each run of `tracker preview` (first, from its checkpoint, after new rows, --full-scan) against the targets.
import { benchPreview } from './bench-preview.js';
import { mb, num, table, verdict } from './format-report.js';

const TARGET_PREVIEW_S = 3;
const TARGET_PREVIEW_MB = 300;

export async function reportPreview(workDir: string, snapshotRows: number): Promise<number> {
  console.log(`Preview: tracker preview over a generated ledger of ${num(snapshotRows)} snapshot rows`);
  const bench = await benchPreview(workDir, snapshotRows);
  if ('skipped' in bench) {
    console.log(`  SKIPPED: ${bench.skipped}`);
    return 0;
  }
  const { ledger } = bench;
  console.log(
    `  generated in ${num(bench.generateSeconds, 1)} s: ${num(ledger.snapshotRows)} snapshot rows, ${num(ledger.windows)} windows, ` +
      `${num(ledger.completions)} completions (+${ledger.corrections} corrections), ${ledger.retractions} retractions, ${ledger.anomalies} anomalies, ${num(mb(ledger.bytes / 1024))} MB`,
  );
  const rows = bench.runs.map(({ label, measure }) => [
    label,
    `${num(measure.wallSeconds, 2)} s`,
    measure.maxRssKb === null ? 'n/a' : `${num(mb(measure.maxRssKb))} MB`,
  ]);
  console.log(table(['command', 'wall', 'peak RSS'], rows));
  console.log(
    `  the preview after ${num(bench.added)} new rows, carried on from the checkpoint, printed ${bench.sameAsFullScan ? 'the same JSON as' : 'OTHER JSON THAN'} --full-scan`,
  );
  let failed = !bench.sameAsFullScan;
  for (const { label, measure, output } of bench.runs) {
    failed ||= measure.code !== 0;
    const time = `${num(measure.wallSeconds, 2)} s (${num(measure.wallSeconds / TARGET_PREVIEW_S, 2)} of the ${TARGET_PREVIEW_S} s target: ${verdict(measure.wallSeconds, TARGET_PREVIEW_S, false)})`;
    const rss =
      measure.maxRssKb === null
        ? 'peak RSS n/a'
        : `${num(mb(measure.maxRssKb))} MB (${num(mb(measure.maxRssKb) / TARGET_PREVIEW_MB, 2)} of ${TARGET_PREVIEW_MB} MB: ${verdict(mb(measure.maxRssKb), TARGET_PREVIEW_MB, false)})`;
    console.log(`  ${label}: ${time}, ${rss}; ${output}; RSS via ${measure.rssVia}`);
  }
  return failed ? 1 : 0;
}
