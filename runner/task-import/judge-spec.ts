// Whether a commit message says enough to be a task's spec: "# Fix #9" alone does not; pure.

/** Issue and pull-request references, URLs, and the words that only point at them. */
const NOISE = [
  /https?:\/\/\S+/g,
  /\bmerge (?:pull request|branch)\b[^\n]*/gi, // "Merge pull request #4 from owner/branch": GitHub's words, not the author's
  /\b[\w.-]+\/[\w.-]+#\d+\b/g, // owner/repo#12
  /(?:^|\s)(?:#|GH-|gh-)\d+\b/g,
  /\b(?:fix(?:e[sd])?|close[sd]?|resolve[sd]?|see|refs?|issue|pr|pull|request|merge|branch|wip|bump|update[sd]?|version|v?\d+(?:\.\d+)*)\b/gi,
];

/** Fewer meaningful words than this (after NOISE is taken out) and the message is thin. */
export const MIN_SPEC_WORDS = 2;

/** The thin-spec reason for a message with fewer than MIN_SPEC_WORDS meaningful words; null when it says enough. */
export function findThinSpec(subject: string, body: string): string | null {
  let text = `${subject}\n${body}`;
  for (const pattern of NOISE) text = text.replace(pattern, ' ');
  const words = text.split(/[^\p{L}\p{N}_]+/u).filter((word) => word !== '');
  if (words.length >= MIN_SPEC_WORDS) return null;
  const shown = subject.trim().slice(0, 60);
  return `thin-spec: the commit message says no more than ${JSON.stringify(shown)} (${words.length} meaningful word${words.length === 1 ? '' : 's'}; --allow-thin-specs keeps it)`;
}
