// A snapshot row: one capacity reading of one provider, `before` or `after`, inside a window.
import { z } from 'zod';
import { BarsSchema, TokensSchema } from './capacity.js';
import { CommitShaSchema, ProviderIdSchema, WindowIdSchema } from './ids.js';
import { IsoTimeSchema, StampSchema } from './stamp.js';

export const PhaseSchema = z.enum(['before', 'after']);
export type Phase = z.infer<typeof PhaseSchema>;

export const SnapshotRowSchema = StampSchema.extend({
  kind: z.literal('snapshot'),
  provider: ProviderIdSchema,
  window_id: WindowIdSchema,
  phase: PhaseSchema,
  /** When the reading was taken (`--at`), which may precede `ts`, when it was written. */
  captured_at: IsoTimeSchema,
  /** Which parser read the input: codex-status, claude-usage, json, ... */
  format: z.string().min(1),
  bars: BarsSchema,
  tokens: TokensSchema.optional(),
  cost_usd: z.number().nonnegative().optional(),
  /** Non-fatal findings of the parser, e.g. `multi-pane-trimmed`. */
  parse_errors: z.array(z.string()),
  /** Markers such as `late-after` or `forced`. */
  tags: z.array(z.string()),
  /** HEAD of the working directory's git repo when captured, if any. */
  git_head: CommitShaSchema.optional(),
  notes: z.string().optional(),
});
export type SnapshotRow = z.infer<typeof SnapshotRowSchema>;
