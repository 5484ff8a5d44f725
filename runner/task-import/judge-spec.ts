// Whether a commit message says enough to be a task's spec: "# Fix #9" alone does not; pure.

/** "Merge pull request #4 from owner/branch": GitHub's words, not the author's. */
const MERGE_WORDS = /\bmerge (?:pull request|branch)\b[^\n]*/gi;

/** Issue and pull-request references, URLs, and the words that only point at them. */
const NOISE = [
  /https?:\/\/\S+/g,
  MERGE_WORDS,
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

/** Words that carry no meaning of their own in a title ("Add sub with its tests": add, sub, tests). */
const STOPWORDS = new Set(
  'a an the and or of to in on for with without its it this that these those from by at as is are be been was were into onto about some any all more'.split(
    ' ',
  ),
);

/**
 * A spec says too little when its message has fewer than MIN_STATED_WORDS words that are neither noise nor stop words
 * and nothing else in the spec states what the tests need (no interface line, no exact text): a four-word title alone
 * ("Add tests about pre releases") is not a task. `stated`: the interface and requirement lines the spec carries.
 */
export const MIN_STATED_WORDS = 5;

export function findBareTitle(subject: string, body: string, stated: number): string | null {
  if (stated > 0) return null;
  let text = `${subject}\n${body}`;
  for (const pattern of NOISE) text = text.replace(pattern, ' ');
  const words = text.split(/[^\p{L}\p{N}_]+/u).filter((word) => word !== '' && !STOPWORDS.has(word.toLowerCase()));
  if (words.length >= MIN_STATED_WORDS || namesBehaviour(text, words.length)) return null;
  return `thin-spec: the commit message says no more than ${JSON.stringify(subject.trim().slice(0, 60))} (${words.length} meaningful words) and the hidden tests use no new interface and no exact text the spec could state (--allow-thin-specs keeps it)`;
}

/**
 * Verbs that say what the code now does with something, where a title's word count does not: "Handle commas in bytes
 * parsing.", "SI: handle negative numbers" and "Refuse an empty amount with ValueError" each name an input and what
 * becomes of it in three or four words (two Go fixes were lost to the count of five). "Tidy up number parsing",
 * "Improve parse" say no behaviour.
 */
const BEHAVIOUR_VERB =
  /^(?:handle|support|accept|allow|disallow|permit|forbid|reject|refuse|raise|throw|return|ignore|skip|keep|preserve|avoid|prevent|treat|respect|honou?r|escape|quote|unquote|strip|trim|round|sort|parse|convert|detect|validate|recogni[sz]e|require|report|warn|emit|clamp|normali[sz]e|encode|decode|expand|resolve|match|count|compare)(?:s|d|ed|ing)?$/i;

/** A title led (after a `scope:` prefix) by a behaviour verb with at least two words after it. */
function namesBehaviour(text: string, words: number): boolean {
  const lead = /^[^:\n]{0,30}:\s*(?=\S)/.exec(text.trim());
  const first = (lead ? text.trim().slice(lead[0].length) : text.trim()).split(/[^\p{L}\p{N}_]+/u)[0] ?? '';
  return words >= 3 && BEHAVIOUR_VERB.test(first);
}

/** "Add tests about pre releases", "More unit tests", "Improve test coverage for X": a message about tests only. */
const TESTS_ONLY =
  /^\s*(?:add(?:s|ed|ing)?|more|improve[sd]?|extend(?:s|ed)?|expand(?:s|ed)?|update[sd]?|write|new|increase[sd]?|fix(?:e[sd])?)(?:\s+(?:more|some|missing|extra|additional|unit|regression|integration|new|a|few|the|several|of|broken|failing))*\s+(?:tests?|specs?|test\s*cases?|test\s*coverage|coverage|testing)\b(?:\s+(?:about|for|on|of|to|around|covering|in|with)\b[^,;&\n]*)?\s*$/i;

/**
 * unfair-spec: the message speaks of tests only (no other clause, no body of 5+ words), while the change needs source
 * work the tests then demand: "Add tests about pre releases" under which the tests require an ordering the spec never
 * names. null when the message says something about the code.
 */
export function findTestsOnlyMessage(subject: string, body: string): string | null {
  // A conventional-commit type (`tests: Add missing tests ...`, `test(parser): ...`): `test` says so by itself.
  const typed = /^\s*(\w+)(?:\([^)]*\))?!?:\s*/.exec(subject);
  const about = typed ? subject.slice(typed[0].length) : subject;
  if (!TESTS_ONLY.test(about) && !/^tests?$/i.test(typed?.[1] ?? '')) return null;
  let text = body;
  for (const pattern of NOISE) text = text.replace(pattern, ' ');
  const bodyWords = text.split(/[^\p{L}\p{N}_]+/u).filter((word) => word !== '' && !STOPWORDS.has(word.toLowerCase()));
  if (bodyWords.length >= MIN_STATED_WORDS) return null;
  return `unfair-spec: the commit message speaks of tests only (${JSON.stringify(subject.trim().slice(0, 60))}), while the tests need a source change it never describes`;
}

/**
 * A security advisory the agent cannot read: its id (GHSA, CVE, RUSTSEC, PYSEC, Go's GO-YYYY-N) or a link to an
 * advisory page. An issue number or an ordinary link is not one: "Accept CRLF line endings / Closes #31" says itself.
 */
const REFERENCE =
  /\bGHSA(?:-[a-z0-9]{4}){3}\b|\bCVE-\d{4}-\d+\b|\bRUSTSEC-\d{4}-\d+\b|\bPYSEC-\d{4}-\d+\b|\bGO-\d{4}-\d+\b|https?:\/\/\S*(?:advisor|security)\S*/i;

/** The words of code, split at case changes and underscores (`parseInt` -> parse, int), lower-cased. */
export function splitCodeWords(code: string): Set<string> {
  const words = code
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
  return new Set(words.map((word) => word.toLowerCase()));
}

/**
 * thin-spec: the message leaves what to do to an advisory the agent cannot read and names nothing the change
 * touches. comex/rust-shlex's 4c53044 says "Minimal fix for the high-severity issue without bumping MSRV / Ref:
 * https://github.com/advisories/GHSA-r7qv-8r2h-pg27": nine words, none of them `quote`, `join` or a character it must
 * now quote (graded C). `codeWords`: the words of the lines the solution adds and drops and of its files' names;
 * `stated`: the interface, requirement and case lines the spec carries. null when the message says something itself.
 */
export function findReferenceOnly(subject: string, body: string, codeWords: ReadonlySet<string>, stated: number): string | null {
  // "Merge pull request #50 from a/b" is GitHub's wording, not the author's pointer; the body under it is the message.
  const message = `${subject}\n${body}`.replace(MERGE_WORDS, ' ');
  const reference = REFERENCE.exec(message);
  if (stated > 0 || reference === null) return null;
  let text = message;
  for (const pattern of NOISE) text = text.replace(pattern, ' ');
  // Stop words ("for", "with") are in any code: only words that carry meaning count as naming what the change touches.
  if ([...splitCodeWords(text)].some((word) => !STOPWORDS.has(word) && codeWords.has(word))) return null;
  return `thin-spec: the commit message leaves what to do to ${JSON.stringify(reference[0].trim().slice(0, 80))}, which the agent cannot read, and names nothing the change touches (--allow-thin-specs keeps it)`;
}
