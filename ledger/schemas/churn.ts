// The CSV ledgers of seed 001: code churn per window, and tokens spent at plan, mid and final checkpoints.
import * as z from 'zod';

export const CHURN_COLUMNS = [
  'recorded_at',
  'agent_id',
  'provider',
  'window_id',
  'feature_id',
  'commit_start',
  'commit_end',
  'files_changed',
  'insertions',
  'deletions',
  'binary_files',
  'source',
  'tool_version',
] as const;

export const TOKEN_CHURN_COLUMNS = [
  'recorded_at',
  'agent_id',
  'provider',
  'window_id',
  'feature_id',
  'stage',
  'tokens',
  'tokens_from',
  'notes',
  'source',
  'tool_version',
] as const;

export const CheckpointStageSchema = z.enum(['plan', 'mid', 'final']);
export type CheckpointStage = z.infer<typeof CheckpointStageSchema>;

/** A CSV record: every cell is text on disk; numbers are written as digits, absent values as empty cells. */
export type CsvRecord<C extends readonly string[]> = Record<C[number], string | number | null>;
export type ChurnRecord = CsvRecord<typeof CHURN_COLUMNS>;
export type TokenChurnRecord = CsvRecord<typeof TOKEN_CHURN_COLUMNS>;
