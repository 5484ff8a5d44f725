// Turns per-period rows (an experiment's windows: feature, sequence, period, outcome) into AB/BA subjects.
import { AppError } from '../../kernel/index.js';
import type { CrossoverSequence, CrossoverSubject } from './crossover-grizzle.js';

/** One period of one subject, as an experiment's windows carry it (`subject` is the feature_id). */
export interface CrossoverPeriodRow {
  subject: string;
  sequence: CrossoverSequence;
  /** 1 or 2. */
  period: number;
  y: number;
}

/** Complete subjects, and the subjects left out because a period is missing (complete-case analysis). */
export interface PairedPeriods {
  subjects: CrossoverSubject[];
  incomplete: string[];
}

/**
 * Pairs each subject's period 1 and period 2 rows into `{ subject, sequence, y1, y2 }`, in order of first
 * appearance. A subject with only one period is listed in `incomplete` and left out (the AB/BA analysis
 * uses within-subject differences). Refuses a subject seen twice in a period or under two sequences.
 */
export function pairCrossoverPeriods(rows: readonly CrossoverPeriodRow[]): PairedPeriods {
  const bySubject = new Map<string, { sequence: CrossoverSequence; y1?: number; y2?: number }>();
  for (const row of rows) {
    if (row.period !== 1 && row.period !== 2)
      throw new AppError('BAD_INPUT', `subject ${row.subject}: an AB/BA period is 1 or 2, got ${row.period}`);
    const entry = bySubject.get(row.subject) ?? { sequence: row.sequence };
    if (entry.sequence !== row.sequence) throw new AppError('BAD_INPUT', `subject ${row.subject} appears under both sequences AB and BA`);
    const key = row.period === 1 ? 'y1' : 'y2';
    if (entry[key] !== undefined) throw new AppError('BAD_INPUT', `subject ${row.subject} has two rows for period ${row.period}`);
    entry[key] = row.y;
    bySubject.set(row.subject, entry);
  }
  const subjects: CrossoverSubject[] = [];
  const incomplete: string[] = [];
  for (const [subject, entry] of bySubject) {
    if (entry.y1 === undefined || entry.y2 === undefined) incomplete.push(subject);
    else subjects.push({ subject, sequence: entry.sequence, y1: entry.y1, y2: entry.y2 });
  }
  return { subjects, incomplete };
}
