// A reading row: a capacity observation not tied to a window's before or after (statusLine, later ingest).
import * as z from 'zod';
import { ObservationShape, TokensSchema } from './capacity.js';
import { ACCOUNT_PATTERN, MACHINE_PATTERN } from '../vocabulary/index.js';
import { WindowIdSchema } from './ids.js';
import { IsoTimeSchema, StampSchema } from './stamp.js';

export const ReadingRowSchema = StampSchema.extend({
  kind: z.literal('reading'),
  ...ObservationShape,
  /** The client's own session, when it says (Claude Code's session_id). */
  session_id: z.string().min(1).optional(),
  model: z.string().min(1).optional(),
  /** The session this one was forked from (Codex's `forked_from_id`): its running token totals go on from the parent's. */
  forked_from: z.string().min(1).optional(),
  /**
   * On a fork's first token reading: the running totals it went on from (its totals less its own request's), so its
   * steps start there whether or not the parent's rollout was ingested.
   */
  fork_base: TokensSchema.optional(),
  /** The window it belongs to, when the source knows. */
  window_id: WindowIdSchema.optional(),
  /** For totals over a period (a ccusage report entry): which report and which entry. */
  period: z
    .object({ report: z.string().min(1), key: z.string().min(1), start: IsoTimeSchema.optional(), end: IsoTimeSchema.optional() })
    .optional(),
  /** The account read (`acct-` and 10 hex digits: vocabulary/account-fingerprint.ts), when the source could tell it. */
  account: z.string().regex(ACCOUNT_PATTERN).optional(),
  /**
   * The machine it was read on (`host-` and 10 hex digits: vocabulary/machine-fingerprint.ts): its `captured_at` is
   * that machine's clock. Absent on rows written before it was recorded, which stay valid.
   */
  machine: z.string().regex(MACHINE_PATTERN).optional(),
  /** The working directory the agent ran in (a Claude Code transcript line's `cwd`): `tracker usage --by project`. */
  project: z.string().min(1).optional(),
  /** The sub-agent that spent the tokens (a transcript's sidechain), absent for the main agent. */
  subagent_id: z.string().min(1).optional(),
  /** The key the copies of one answer share (a transcript's message and request ids): only the fullest copy counts. */
  message_key: z.string().min(1).optional(),
  /**
   * The API's request id (a transcript line's `requestId`): a proxy row whose trace_id is the same is the same request,
   * counted once (reports/usage/usage-sources.ts).
   */
  request_id: z.string().min(1).max(256).optional(),
  /** A digest of what the source said; ingesting the same content again adds nothing. */
  content_key: z.string().min(1).optional(),
});
export type ReadingRow = z.infer<typeof ReadingRowSchema>;
