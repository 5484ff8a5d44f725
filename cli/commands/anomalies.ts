// `tracker anomalies`: lists the anomaly rows, newest last, optionally filtered by code.
import { Command } from 'commander';
import { AnomalyRowSchema, foldRows, LEDGER_FILES, scanLedger, type AnomalyRow } from '../../ledger/index.js';
import { resolveContext } from '../global-options.js';
import { printNote, printResult } from '../print-output.js';

export function createAnomaliesCommand(): Command {
  return new Command('anomalies')
    .description('list recorded anomalies (negative deltas, late afters, torn tails, ...)')
    .option('--code <code>', 'only anomalies with this code')
    .action(function (this: Command, flags: { code?: string }) {
      const ctx = resolveContext(this);
      const rows: AnomalyRow[] = [];
      const scan = scanLedger(
        ctx.dataDir,
        LEDGER_FILES.anomalies,
        (row) => {
          const parsed = AnomalyRowSchema.safeParse(row);
          if (parsed.success) rows.push(parsed.data);
        },
        { repairAs: ctx.stamp },
      );
      if (scan.unrepaired) printNote(scan.unrepaired);
      const anomalies = foldRows(rows).filter((row) => flags.code === undefined || row.code === flags.code);
      printResult(ctx.json, { anomalies, unreadable: scan.unreadable }, (shown) => {
        if (shown.anomalies.length === 0) return 'No anomalies.\n';
        const lines = shown.anomalies.map((row) => {
          const where = [row.provider, row.window_id, row.file].filter(Boolean).join(' ');
          return `${row.ts}  ${row.code.padEnd(16)} ${where ? `${where}  ` : ''}${row.message}`;
        });
        return `${lines.join('\n')}\nAnomalies: ${anomalies.length}\n`;
      });
    });
}
