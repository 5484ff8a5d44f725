// gitleaks' rules (gitleaks-rules.ts) as detectors, with its entropy floors, allowlists and secret groups (detect/detect.go's detectRule).
import type { GitleaksAllowlist, GitleaksRegex, GitleaksRule } from './gitleaks-rule.js';
import { GITLEAKS_GLOBAL_ALLOWLIST, GITLEAKS_RULES } from './gitleaks-rules.js';
import { measureEntropy, readLineAround, type SecretDetector, type SecretSpan } from './secret-detector.js';

interface CompiledAllowlist {
  target: 'secret' | 'match' | 'line';
  regexes: RegExp[];
  stopwords: readonly string[];
  all: boolean;
}

function compileRegex(regex: GitleaksRegex): RegExp {
  return new RegExp(regex.source, regex.flags ?? '');
}

function compileAllowlist(allowlist: GitleaksAllowlist): CompiledAllowlist {
  return {
    target: allowlist.target ?? 'secret',
    regexes: (allowlist.regexes ?? []).map(compileRegex),
    stopwords: allowlist.stopwords ?? [],
    all: allowlist.all === true,
  };
}

/** What an allowlist is tried on, read only when it is needed. */
interface Finding {
  secret: string;
  match: () => string;
  line: () => string;
}

/** detect.go checkFindingAllowed: a regex on the target, a stop word in the secret (lower case); AND needs both. */
function isAllowed(allowlist: CompiledAllowlist, finding: Finding): boolean {
  const target = allowlist.target === 'secret' ? finding.secret : allowlist.target === 'match' ? finding.match() : finding.line();
  const regexAllowed = allowlist.regexes.some((regex) => regex.test(target));
  if (allowlist.all && allowlist.regexes.length > 0 && !regexAllowed) return false;
  if (regexAllowed && !allowlist.all) return true;
  const lower = finding.secret.toLowerCase();
  const stopped = allowlist.stopwords.some((word) => lower.includes(word));
  return allowlist.all ? stopped : stopped || regexAllowed;
}

let globalAllowlist: CompiledAllowlist | undefined;

/**
 * This project's allowlists on top of gitleaks' own (kept apart: gitleaks-rules.ts is generated). generic-api-key takes
 * `,` for an assignment, so the argument after a variable named like a key (`siphash(key, "0123456789abcdef")`,
 * `[key, "..."]`) was blanked: a 16-hex test vector, no secret. Only a bare 16-hex value after an unquoted name and a
 * comma: a quoted name (`setProperty("API_TOKEN", "...")`) is a name and its value, and stays a secret.
 */
const PROJECT_ALLOWLISTS: Readonly<Record<string, readonly GitleaksAllowlist[]>> = {
  'generic-api-key': [
    { target: 'match', regexes: [{ source: String.raw`[\w.\-][ \t]*,[ \t]*[\x60'"]?[0-9a-fA-F]{16}(?:[\x60'"\s;]|\\[nrNR])?$` }] },
  ],
};

/** The `[\w.-]{0,50}` name a semi-generic rule's match starts with in gitleaks, read back before `start`. */
function readNamePrefix(text: string, start: number): number {
  let from = start;
  while (from > 0 && start - from < 50 && /[\w.-]/.test(text.charAt(from - 1))) from -= 1;
  return from;
}

/** The secret's range in a match: the rule's group, else the first group that matched, else the whole match. */
function locateSecret(rule: GitleaksRule, match: RegExpExecArray): [number, number] | undefined {
  const indices = match.indices;
  if (!indices) return undefined;
  if (rule.secretGroup) return indices[rule.secretGroup];
  for (let group = 1; group < indices.length; group += 1) {
    const range = indices[group];
    if (range && range[1] > range[0]) return range;
  }
  // No group: the match itself, without the line breaks at its ends (gitleaks trims them: gitleaks/gitleaks#1352).
  let [start, end] = indices[0] as [number, number];
  while (start < end && match.input.charAt(start) === '\n') start += 1;
  while (end > start && match.input.charAt(end - 1) === '\n') end -= 1;
  return [start, end];
}

function compileRule(rule: GitleaksRule): SecretDetector {
  let pattern: RegExp | undefined;
  let allowlists: CompiledAllowlist[] | undefined;
  const detector: SecretDetector = {
    kind: rule.id,
    keywords: rule.keywords,
    find(text: string, found: SecretSpan[]): void {
      // Compiled on the first text holding a keyword: most rules never run in a process.
      pattern ??= new RegExp(rule.source, `${rule.flags ?? ''}gd`);
      allowlists ??= [...(rule.allowlists ?? []), ...(PROJECT_ALLOWLISTS[rule.id] ?? [])].map(compileAllowlist);
      globalAllowlist ??= compileAllowlist(GITLEAKS_GLOBAL_ALLOWLIST);
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        if (match[0].length === 0) pattern.lastIndex += 1;
        const range = locateSecret(rule, match);
        if (!range || range[1] <= range[0]) continue;
        const secret = text.slice(range[0], range[1]);
        if (rule.entropy && measureEntropy(secret) <= rule.entropy) continue;
        const matchStart = rule.namePrefix ? readNamePrefix(text, match.index) : match.index;
        const finding: Finding = {
          secret,
          match: () => text.slice(matchStart, match.index + match[0].length).replace(/^\n+|\n+$/g, ''),
          line: () => readLineAround(text, matchStart, match.index + match[0].length),
        };
        if (isAllowed(globalAllowlist, finding) || allowlists.some((allowlist) => isAllowed(allowlist, finding))) continue;
        found.push({ start: range[0], end: range[1], kind: rule.id });
      }
    },
  };
  if (rule.path) detector.path = compileRegex(rule.path);
  return detector;
}

/** Every rule of gitleaks' default set, in its order. */
export const GITLEAKS_DETECTORS: readonly SecretDetector[] = GITLEAKS_RULES.map(compileRule);
