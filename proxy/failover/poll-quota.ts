// Reads a back end's bars from its quota endpoint on a timer, off the request path, for answers that carry none.
import { AppError } from '../../kernel/index.js';
import type { Bars } from '../../ledger/index.js';
import type { QuotaKind } from '../../ledger/vocabulary/index.js';
import {
  describeCredentialPlaces,
  fetchQuota,
  loadQuotaCredential,
  resolveQuotaEndpoint,
  type QuotaCredential,
} from '../../sources/quota/index.js';

export interface QuotaPollOptions {
  endpoint: QuotaKind;
  everyMs: number;
  env: NodeJS.ProcessEnv;
  /** Each reading's bars, as they arrive. */
  onBars: (bars: Bars) => void;
  /** A read that failed, as one line without the credential; each kind of failure told once until a read succeeds. */
  onProblem: (line: string) => void;
}

export interface QuotaPoll {
  /** The first read, then the timer: once the proxy listens (a start that fails reads nothing). */
  start(): void;
  stop(): void;
}

/**
 * Reads at `start`, then `everyMs` after each read ends (never two at a time, so a slow endpoint slows the reads rather
 * than piling them up). The requests never wait for it: the chain only learns a window is spent, as from a header.
 * The login is looked up at the start (none: refused, naming where it was looked for) and again at every read, so a
 * refreshed login file is picked up. Throws the AppError naming `where` when there is none.
 */
export function openQuotaPoll(options: QuotaPollOptions, where: string): QuotaPoll {
  const { endpoint: kind, env } = options;
  if (loadCredential(kind, env, where) === null)
    throw new AppError(
      'NOT_FOUND',
      `no credentials for the ${kind} quota endpoint (looked in ${describeCredentialPlaces(kind)}): the proxy cannot read its bars`,
      { where },
    );
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let started = false;
  // Keyed on what failed, not on the line: an endpoint's refusal quotes up to 160 characters of a body that changes.
  const told = new Set<string>();
  const tell = (key: string, line: string): void => {
    if (told.has(key)) return;
    told.add(key);
    options.onProblem(`${kind} quota: ${line}`);
  };
  const readOnce = async (): Promise<void> => {
    try {
      const credential = loadCredential(kind, env, where);
      if (credential === null) return tell('login-gone', 'the login is gone');
      const fetched = await fetchQuota(resolveQuotaEndpoint(kind, env), credential);
      if (stopped) return;
      if (!fetched.ok) return tell(keyOf(fetched.error), fetched.error.toLine());
      told.clear();
      options.onBars(fetched.reading.bars);
    } catch (error) {
      if (error instanceof AppError) tell(keyOf(error), error.toLine());
      else tell((error as Error).name, (error as Error).message);
    }
  };
  const loop = (): void => {
    void readOnce().finally(() => {
      if (stopped) return;
      timer = setTimeout(loop, options.everyMs);
      // A proxy that is otherwise done is not kept alive by its next read.
      timer.unref();
    });
  };
  return {
    start() {
      if (stopped || started) return;
      started = true;
      loop();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function loadCredential(kind: QuotaKind, env: NodeJS.ProcessEnv, where: string): QuotaCredential | null {
  try {
    return loadQuotaCredential(kind, env);
  } catch (error) {
    // Said at `where`, and still the same error to whoever branches on its kind.
    if (error instanceof AppError)
      throw new AppError(error.code, error.message, { where, kind: error.kind, details: error.details, cause: error });
    throw error;
  }
}

/** What failed, as a caller would tell it apart: the code and the kind, never the text. */
function keyOf(error: AppError): string {
  return `${error.code}:${error.kind ?? ''}`;
}
