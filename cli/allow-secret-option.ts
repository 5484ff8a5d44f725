// `--allow-secret PATH:LINE` on `tasks import` and `tasks synthesize`: a finding the user has read and calls a fixture.
import type { Command } from 'commander';
import { AppError } from '../kernel/index.js';

export function addAllowSecretOption(command: Command): Command {
  return command.option(
    '--allow-secret <path:line>',
    'a secret finding that is a test fixture, as the rejection names it (tests/test_urls.py:15); repeat for more',
    (value: string, previous: string[] = []) => [...previous, value],
  );
}

/** The `path:line` findings to let through, checked for their shape (gitleaks' .gitleaksignore names them so too). */
export function parseAllowSecrets(values: readonly string[] | undefined): Set<string> {
  const allowed = new Set<string>();
  for (const value of values ?? []) {
    if (!/^[^\s:][^:]*:[1-9]\d*$/.test(value))
      throw new AppError('BAD_USAGE', `expected a finding's path:line such as tests/test_urls.py:15, got ${JSON.stringify(value)}`, {
        where: '--allow-secret',
      });
    allowed.add(value);
  }
  return allowed;
}
