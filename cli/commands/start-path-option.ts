// `--rotate-secret` of `tracker proxy` and `tracker otel`, and what they say about the secret base path they keep.
import type { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import { keepStartPath, type KeptStartPath } from '../../proxy/index.js';

export function addRotateSecretOption(command: Command): Command {
  return command.option(
    '--rotate-secret',
    "make a new secret for the base URL (kept in the data dir's state, shared with tracker proxy/otel): clients set up with the old URL get 401",
  );
}

/**
 * On loopback without a token, the data dir's kept secret path (keep-start-path.ts): no other local process (an
 * arm's agent among them) gets in, and a URL written into an agent's settings keeps working at the next start.
 */
export function resolveStartPath(dataDir: string, authToken: string | null, rotate: boolean | undefined): KeptStartPath | null {
  if (authToken !== null) {
    if (rotate)
      throw new AppError('BAD_USAGE', 'there is no secret path to rotate with a token: change --auth-token instead', {
        where: '--rotate-secret',
      });
    return null;
  }
  const kept = keepStartPath(dataDir, rotate === true);
  // On stderr, so --json output has it too: the user should know the old URL may be known to others.
  if (kept.exposed)
    process.stderr.write(
      `note: ${kept.file} was open to other users (mode ${kept.exposed.mode.toString(8)}), so its secret counts as known: moved to ${kept.exposed.movedTo} and a new one made; clients set up with the old URL get 401 until given the new one\n`,
    );
  return kept;
}

/** The lines after "listening on URL": where the secret is kept, and whether clients set up before need the new URL. */
export function describeKeptStartPath(kept: KeptStartPath): string {
  if (kept.unkept !== undefined)
    return `  its base URL holds a secret new this start: it could not be kept in ${kept.file} (${kept.unkept}); --auth-token or TRACKER_PROXY_AUTH_TOKEN uses a token instead:\n`;
  const news = kept.created
    ? 'a new secret: clients set up with an earlier URL of this data dir get 401 until given this one'
    : 'the same at every start (--rotate-secret makes a new one)';
  return `  its base URL holds a secret kept in ${kept.file}, ${news}; --auth-token or TRACKER_PROXY_AUTH_TOKEN uses a token instead:\n`;
}
