// The stamp every ledger row carries (invariant 1): identity, kind, time, versions, source and agent.
import * as z from 'zod';
import { AgentIdSchema } from './ids.js';
import { ROW_SOURCES } from '../vocabulary/index.js';

export { ROW_SOURCES } from '../vocabulary/index.js';
export const RowSourceSchema = z.enum(ROW_SOURCES);
export type RowSource = z.infer<typeof RowSourceSchema>;

export const IsoTimeSchema = z.iso.datetime({ offset: true });

export const StampSchema = z.object({
  id: z.string().min(1),
  kind: z.string().min(1),
  ts: IsoTimeSchema,
  schema_version: z.number().int().positive(),
  tool_version: z.string().min(1),
  source: RowSourceSchema,
  agent_id: AgentIdSchema,
  /** Set on a correction: the id of the row this one replaces in the folded view. */
  supersedes: z.string().min(1).optional(),
});
export type Stamp = z.infer<typeof StampSchema>;
