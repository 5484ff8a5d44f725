// Reads the quota endpoints of the providers asked for, keeping refused answers under rejects/ (tracker quota, watch, snapshot).
import { BAR_NAMES, keepReject, noteQuotaPlan, type Bars } from '../ledger/index.js';
import { AppError, isAppError } from '../kernel/index.js';
import {
  describeCredentialPlaces,
  fetchQuota,
  findQuotaAccount,
  loadQuotaCredential,
  resolveQuotaEndpoint,
  type QuotaKind,
  type QuotaReading,
} from '../sources/quota/index.js';

export type QuotaOutcome =
  /** `account`: the login the credential belongs to, as the proxy and the status line name it, when it can be told. */
  | { kind: QuotaKind; status: 'read'; reading: QuotaReading; at: Date; account: string | null }
  | { kind: QuotaKind; status: 'no-credentials'; detail: string }
  | { kind: QuotaKind; status: 'failed'; error: AppError };

export interface QuotaReadContext {
  dataDir: string;
  agentId: string;
  env: NodeJS.ProcessEnv;
  /** Where an endpoint keeps a bar per model (Gemini's buckets), the model whose bar to read. */
  model?: string;
}

/**
 * One GET per provider, side by side; nothing here writes a ledger row. The plan an endpoint names is kept in the data
 * dir's state (noteQuotaPlan): Code Assist's tier is the only place Gemini CLI's plan can be read, and `tracker plans`
 * reads it there.
 */
export async function readProviderQuotas(kinds: readonly QuotaKind[], ctx: QuotaReadContext): Promise<QuotaOutcome[]> {
  return Promise.all(kinds.map((kind) => readOne(kind, ctx)));
}

async function readOne(kind: QuotaKind, ctx: QuotaReadContext): Promise<QuotaOutcome> {
  let credential: ReturnType<typeof loadQuotaCredential>;
  try {
    credential = loadQuotaCredential(kind, ctx.env);
  } catch (error) {
    // An expired login (Gemini's, an hour after the CLI last ran) is no credential now: with the other providers read by
    // default it is skipped as one would be, never their failure; asked for by name, its line says what refreshes it.
    if (isAppError(error, 'quota-expired')) return { kind, status: 'no-credentials', detail: error.toLine() };
    if (error instanceof AppError) return { kind, status: 'failed', error };
    throw error;
  }
  if (!credential) return { kind, status: 'no-credentials', detail: `no credentials (looked in ${describeCredentialPlaces(kind)})` };
  const fetched = await fetchQuota(resolveQuotaEndpoint(kind, ctx.env), credential, ctx.model === undefined ? {} : { model: ctx.model });
  if (fetched.ok) {
    if (fetched.reading.plan !== null)
      keepPlanNote(ctx.dataDir, kind, { plan: fetched.reading.plan, read_at: fetched.at.toISOString(), from: credential.from });
    return { kind, status: 'read', reading: fetched.reading, at: fetched.at, account: findQuotaAccount(kind, credential, ctx.env) };
  }
  if (fetched.raw === null) return { kind, status: 'failed', error: fetched.error };
  // An answer of an unknown shape is kept (redacted) so the user can see what the endpoint now sends.
  let kept: string;
  try {
    kept = `answer kept at ${keepReject(ctx.dataDir, { command: `quota ${kind}`, reason: fetched.error.toLine(), agentId: ctx.agentId, input: fetched.raw })}`;
  } catch (error) {
    kept = `the answer could not be kept under rejects/: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
  }
  return {
    kind,
    status: 'failed',
    error: new AppError(fetched.error.code, `${fetched.error.message} (${kept})`, { where: fetched.error.where }),
  };
}

/** A note that cannot be written (a read-only data dir) loses only the plan's default: the reading is still shown. */
function keepPlanNote(dataDir: string, kind: QuotaKind, note: { plan: string; read_at: string; from: string }): void {
  try {
    noteQuotaPlan(dataDir, kind, note);
  } catch {
    // the plan is named on the answer; `--plan` gives it where this note is missing
  }
}

/** The bars of a reading as one line each: `five_hour 37% used, resets 2026-11-22T15:00:00.000Z`. */
export function describeBars(bars: Bars): string[] {
  return BAR_NAMES.flatMap((slot) => {
    const bar = bars[slot];
    if (!bar) return [];
    const counts = bar.used !== undefined && bar.limit !== undefined ? ` (${bar.used} of ${bar.limit})` : '';
    return [`${slot.padEnd(13)} ${bar.used_pct}% used${counts}, resets ${bar.resets_at ?? 'unknown'}`];
  });
}

/** The first failure as the error to throw, naming how many more there were. */
export function summarizeFailures(outcomes: readonly QuotaOutcome[]): AppError | null {
  const failed = outcomes.filter((outcome): outcome is Extract<QuotaOutcome, { status: 'failed' }> => outcome.status === 'failed');
  const first = failed[0];
  if (!first) return null;
  if (failed.length === 1) return first.error;
  return new AppError(
    first.error.code,
    `${first.error.message} (and ${failed.length - 1} more provider${failed.length > 2 ? 's' : ''} failed)`,
    { where: first.error.where },
  );
}
