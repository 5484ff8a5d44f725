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
  /** A read that failed, as one line without the credential; told once until a read succeeds again. */
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
  let lastProblem: string | null = null;
  const tell = (line: string | null): void => {
    if (line !== null && line !== lastProblem) options.onProblem(`${kind} quota: ${line}`);
    lastProblem = line;
  };
  const readOnce = async (): Promise<void> => {
    try {
      const credential = loadCredential(kind, env, where);
      if (credential === null) return tell('the login is gone');
      const fetched = await fetchQuota(resolveQuotaEndpoint(kind, env), credential);
      if (stopped) return;
      if (!fetched.ok) return tell(fetched.error.toLine());
      tell(null);
      options.onBars(fetched.reading.bars);
    } catch (error) {
      tell(error instanceof AppError ? error.toLine() : (error as Error).message);
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
    if (error instanceof AppError) throw new AppError(error.code, error.message, { where });
    throw error;
  }
}
