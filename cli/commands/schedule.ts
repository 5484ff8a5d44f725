// `tracker schedule`: for cron. Takes the window captures a schedule file says are due, from the latest readings.
import { join } from 'node:path';
import { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import { readBoundedFile } from '../../ledger/index.js';
import { parseSchedule, renderScheduleIcs, runSchedule } from '../../runner/index.js';
import { resolveContext } from '../global-options.js';
import { parseInstant } from '../parse-flags.js';
import { printResult } from '../print-output.js';

export const SCHEDULE_FORMAT = `Schedule file: one window a line, "ID PROVIDER START LENGTH", # for comments:
  w-claude-am  claude  2026-11-21T09:00:00Z  2h
  w-codex-pm   codex   2026-11-21T14:00:00+01:00  90m`;

export function createScheduleCommand(): Command {
  return new Command('schedule')
    .description('take the before/after captures a window schedule says are due, from the latest readings (run it from cron)')
    .option('--file <path>', 'the schedule (default: schedule.txt in the data directory)')
    .option('--now <iso>', 'act as if it were this time (default: now)')
    .option('--max-age <minutes>', 'use readings at most this old', '15')
    .option('--ics', 'print the schedule as an iCalendar file (RFC 5545) for a calendar, and take no capture')
    .addHelpText(
      'after',
      `\n${SCHEDULE_FORMAT}\nCaptures are stamped source=automation; the reset buffer postpones an after to a later run.`,
    )
    .action(function (this: Command, flags: { file?: string; now?: string; maxAge: string; ics?: boolean }) {
      const ctx = resolveContext(this);
      const path = flags.file ?? join(ctx.dataDir, 'schedule.txt');
      const text = readBoundedFile(path, { what: 'a schedule file', maxBytes: 1024 * 1024 });
      if (text === null)
        throw new AppError('BAD_USAGE', 'no schedule file here (see `tracker schedule --help` for its format)', { where: path });
      const parsed = parseSchedule(text);
      if (!parsed.ok) throw new AppError('BAD_INPUT', parsed.message, { where: `${path}:${parsed.line}` });
      if (flags.ics) {
        process.stdout.write(renderScheduleIcs(parsed.windows, parseInstant(flags.now, '--now').getTime()));
        return;
      }
      const maxAge = Number(flags.maxAge);
      if (!Number.isFinite(maxAge) || maxAge <= 0)
        throw new AppError('BAD_USAGE', `expected minutes above zero, got ${JSON.stringify(flags.maxAge)}`, { where: '--max-age' });
      const source = ctx.stamp.source === 'manual' ? 'automation' : ctx.stamp.source;
      const actions = runSchedule(ctx.dataDir, { ...ctx.stamp, source }, parsed.windows, parseInstant(flags.now, '--now'), maxAge * 60_000);
      printResult(ctx.json, { actions }, (shown) =>
        shown.actions.length === 0
          ? 'Nothing due.\n'
          : `${shown.actions.map((action) => `${action.window} ${action.phase}: ${action.outcome} (${action.detail})`).join('\n')}\n`,
      );
    });
}
