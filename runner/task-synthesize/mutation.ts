// One procedural mutation of a source file (SWE-smith's kinds): a single edit of a byte range, and the site it is at.
import * as z from 'zod';
import { AppError } from '../../kernel/index.js';

/**
 * SWE-smith's procedural kinds (Yang et al. 2025, "SWE-smith", section 2.2): the body of a function removed, a
 * condition inverted, an operator changed, a statement dropped, two arguments of a call swapped.
 */
export const MUTATION_KINDS = ['remove-body', 'invert-condition', 'change-operator', 'drop-statement', 'swap-arguments'] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/**
 * What a language's lister reports for one possible mutation: replace the bytes [start, end) of the file (UTF-8 byte
 * offsets, so Python's, Go's and TypeScript's positions all mean the same thing) by `replacement`. `scope` is the
 * enclosing function's name, for the summary only.
 */
export const MutationSiteSchema = z.strictObject({
  kind: z.enum(MUTATION_KINDS),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  replacement: z.string(),
  scope: z.string().max(200).optional(),
});
export type MutationSite = z.infer<typeof MutationSiteSchema>;

export interface Mutation extends MutationSite {
  /** The file's path in the repository. */
  path: string;
  /** Where the edit starts, 1-based (the column counts bytes). */
  line: number;
  column: number;
}

/** The file's mutations, each with the line and column its edit starts at. */
export function locateSites(path: string, original: Buffer, sites: readonly MutationSite[]): Mutation[] {
  const lineStarts = [0];
  for (let i = 0; i < original.length; i += 1) if (original[i] === 0x0a) lineStarts.push(i + 1);
  return sites.map((site) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((lineStarts[middle] as number) <= site.start) low = middle;
      else high = middle - 1;
    }
    return { ...site, path, line: low + 1, column: site.start - (lineStarts[low] as number) + 1 };
  });
}

/**
 * The place a mutation is at: the file and where its edit starts. The same place never gives two tasks, and neither do
 * two edits that overlap (an operator changed inside a condition another task inverts): see pick-candidates.ts.
 */
export function describeSite(mutation: Pick<Mutation, 'path' | 'line' | 'column'>): string {
  return `${mutation.path}:${mutation.line}:${mutation.column}`;
}

/** The file with the mutation applied: the bytes before `start`, the replacement, the bytes from `end` on. */
export function applyMutation(original: Buffer, mutation: Pick<Mutation, 'start' | 'end' | 'replacement' | 'path'>): Buffer {
  if (mutation.start > mutation.end || mutation.end > original.length)
    throw new AppError(
      'BAD_INPUT',
      `expected a mutation inside the file's ${original.length} bytes, got ${mutation.start}-${mutation.end}`,
      { where: mutation.path },
    );
  return Buffer.concat([original.subarray(0, mutation.start), Buffer.from(mutation.replacement), original.subarray(mutation.end)]);
}

/** The source lines a mutation replaces, whole (what a bug report must never quote as the answer). */
export function readMutatedLines(original: Buffer, mutation: Pick<Mutation, 'start' | 'end'>): string[] {
  const text = original.toString('utf8');
  const before = original.subarray(0, mutation.start).toString('utf8');
  const inside = original.subarray(mutation.start, mutation.end).toString('utf8');
  const from = before.lastIndexOf('\n') + 1;
  const lineEnd = text.indexOf('\n', before.length + inside.length);
  return text.slice(from, lineEnd < 0 ? text.length : lineEnd).split('\n');
}
