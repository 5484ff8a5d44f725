// A snapshot row: one capacity reading of one provider, `before` or `after`, inside a window.
import * as z from 'zod';
import { ObservationShape } from './capacity.js';
import { CommitShaSchema, WindowIdSchema } from './ids.js';
import { StampSchema } from './stamp.js';

export const PhaseSchema = z.enum(['before', 'after']);
export type Phase = z.infer<typeof PhaseSchema>;

const { provider, ...observation } = ObservationShape;

export const SnapshotRowSchema = StampSchema.extend({
  kind: z.literal('snapshot'),
  // Rows are written in this key order; the preview's fast reader needs agent_id, provider and
  // window_id side by side, so provider is named here and the rest of the observation spread after.
  provider,
  window_id: WindowIdSchema,
  phase: PhaseSchema,
  /** captured_at (`--at`, which may precede `ts`), format, bars, tokens, cost_usd. */
  ...observation,
  /** Non-fatal findings of the parser, e.g. `multi-pane-trimmed`. */
  parse_errors: z.array(z.string()),
  /** Markers such as `late-after` or `forced`. */
  tags: z.array(z.string()),
  /** HEAD of the working directory's git repo when captured, if any. */
  git_head: CommitShaSchema.optional(),
  notes: z.string().optional(),
});
export type SnapshotRow = z.infer<typeof SnapshotRowSchema>;
