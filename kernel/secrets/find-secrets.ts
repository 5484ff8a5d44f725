// Every secret in a text: this project's shapes, named values and gitleaks' rules, on the text with its JSON escapes undone, inside what decodes from base64, hex and percent-encoding, and across literals joined by `+`.
import { findEncoded } from './find-encoded.js';
import { findJoined } from './find-joined.js';
import { createKeywordFinder, type KeywordFinder } from './find-keywords.js';
import { GITLEAKS_DETECTORS } from './gitleaks-detectors.js';
import { KEYWORD_DETECTOR } from './keyword-detector.js';
import type { SecretDetector, SecretSpan } from './secret-detector.js';
import { SECRET_RULES } from './secret-rules.js';
import { unescapeJson } from './unescape-json.js';

/**
 * In this order, which names the kind of a line's first secret to the task import: this project's shapes (key
 * blocks, headers, its providers' keys...), named values, then gitleaks' default rules as the floor.
 */
const DETECTORS: readonly SecretDetector[] = [...SECRET_RULES, KEYWORD_DETECTOR, ...GITLEAKS_DETECTORS];
/** gitleaks' default --max-decode-depth (cmd/root.go): encoded inside encoded, five levels deep. */
const MAX_DECODE_DEPTH = 5;
/** Text read on either side of a decoded run, so a name before it (`api_key = <base64>`) still counts. */
const DECODED_CONTEXT = 200;

interface Prefilter {
  finder: KeywordFinder;
  /** Per keyword (by its index in the finder), the rules (by their index in DETECTORS) that need it. */
  rulesOf: ReadonlyArray<readonly number[]>;
  /** The rules without keywords, tried on every text. */
  always: readonly number[];
}

let prefilter: Prefilter | undefined;

/** One keyword finder for every rule, and the rules each keyword lets in. */
function readPrefilter(): Prefilter {
  if (prefilter) return prefilter;
  const index = new Map<string, number>();
  const rulesOf: number[][] = [];
  const always: number[] = [];
  DETECTORS.forEach((detector, rule) => {
    if (detector.keywords.length === 0) always.push(rule);
    for (const keyword of detector.keywords) {
      if (!index.has(keyword)) {
        index.set(keyword, index.size);
        rulesOf.push([]);
      }
      (rulesOf[index.get(keyword) as number] as number[]).push(rule);
    }
  });
  prefilter = { finder: createKeywordFinder([...index.keys()]), rulesOf, always };
  return prefilter;
}

/** The rules to try on a text holding the keywords `present`, in DETECTORS' order. */
function selectRules(present: readonly number[]): readonly number[] {
  const { rulesOf, always } = readPrefilter();
  if (present.length === 0) return always;
  const chosen = new Uint8Array(DETECTORS.length);
  for (const rule of always) chosen[rule] = 1;
  for (const keyword of present) for (const rule of rulesOf[keyword] as number[]) chosen[rule] = 1;
  const rules: number[] = [];
  for (let rule = 0; rule < chosen.length; rule += 1) if (chosen[rule] === 1) rules.push(rule);
  return rules;
}

/** Secrets inside each encoded run: the whole run is hidden when what it decodes to holds one (gitleaks' decoding passes). */
function findDecoded(text: string, depth: number, path: string | undefined, found: SecretSpan[]): void {
  for (const segment of findEncoded(text)) {
    const before = text.slice(Math.max(0, segment.start - DECODED_CONTEXT), segment.start);
    const window = `${before}${segment.decoded}${text.slice(segment.end, segment.end + DECODED_CONTEXT)}`;
    const decodedEnd = before.length + segment.decoded.length;
    const inner = findAt(window, depth + 1, path).find((span) => span.start < decodedEnd && span.end > before.length);
    if (inner) found.push({ start: segment.start, end: segment.end, kind: inner.kind });
  }
}

function findAt(text: string, depth: number, path: string | undefined): SecretSpan[] {
  if (text.length < 4) return [];
  const view = unescapeJson(text);
  const found: SecretSpan[] = [];
  for (const rule of selectRules(readPrefilter().finder.find(view.text))) {
    const detector = DETECTORS[rule] as SecretDetector;
    if (path === undefined || !detector.path || detector.path.test(path)) detector.find(view.text, found);
  }
  if (depth < MAX_DECODE_DEPTH) {
    findDecoded(view.text, depth, path, found);
    findJoined(view.text, (joined) => findAt(joined, depth + 1, path), found);
  }
  if (view.text === text) return found;
  return found.map((span) => {
    const [start, end] = view.toOriginal(span.start, span.end);
    return { ...span, start, end };
  });
}

/**
 * Every secret of a text as a range of it, by rule in the order above (ranges may overlap: two rules, one key). A
 * range in JSON text covers whole escapes (`\n`, `\"`), never half of one. `path`: the text is that file's, and a
 * rule for some files only (gitleaks' hashicorp-tf-password, `\.tf$`) is tried on those; without one, on any text.
 */
export function findSecrets(text: string, options: { path?: string } = {}): SecretSpan[] {
  return findAt(text, 0, options.path);
}
