// The options of the commands that read everyday bar readings and use (`tracker calibrate`, `tracker plans`), apart from
// their reading (everyday-flags.ts), so a command's `--help` loads no ledger or plan table.
import type { Command } from 'commander';

export interface EverydayFlags {
  plan: string[];
  plans?: string;
  prices?: string;
  since?: string;
  until?: string;
  provider?: string;
  tz?: string;
  confidence: string;
}

export function addEverydayOptions(command: Command): Command {
  return command
    .option(
      '--plan <provider=plan>',
      'the plan a provider is on, e.g. claude=claude-max-20x (repeatable; default: the plan of its last window, else the one its CLI’s login says)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('--plans <file>', 'a plans file that adds or overrides plans (docs/providers.md)')
    .option('--prices <file>', 'JSON price table consulted before the defaults (USD per million tokens)')
    .option('--since <time>', 'only readings and use from this day or ISO time on')
    .option('--until <time>', 'only readings and use up to this day (its end) or ISO time')
    .option('--provider <ids>', 'only these providers, comma-separated')
    .option('--tz <zone>', 'time zone of the days (which source a day is taken from), an IANA name (default: the machine’s)')
    .option('--confidence <level>', 'level of the intervals', '0.95');
}
