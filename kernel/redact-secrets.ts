// Removes API keys, bearer tokens, auth headers and the other secret shapes from text and rows before anything is kept (invariant 10).
import { PRIVATE_KEY_RULE, SECRET_RULES, type SecretRule } from './secret-rules.js';

/**
 * Secret-named headers and fields (`Authorization: ...`, `"api_key": ...`), in header or JSON form, with any scheme
 * (Bearer, Basic, token). Group 1 is the name, kept; the rest of the match is the value. Exported so the task import's
 * scan (runner/task-import/scan-secrets.ts) reads the same names; it judges the value itself, as this redacts any value.
 */
export const SECRET_HEADER_PATTERN =
  /((?:authorization|proxy-authorization|x-api-key|api[-_]?key|x-goog-api-key|auth[-_]?token)\\?"?\s*[:=]\s*\\?"?)(?:(?:bearer|basic|token)\s+)?[^\s",\\]+/gi;

/** A bearer or basic credential anywhere (`Bearer <token>`); group 1 is the scheme, kept. */
export const BEARER_PATTERN = /\b((?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/**
 * A word start, as `\b` before a word character, but also just after a JSON escape (`\b \f \n \r \t`): in a tool
 * call's input, kept as JSON text, a key on a new line reads `\nsk-...`, with no word boundary before `sk`. Written as
 * lookbehinds: `(?:\b|(?<=\\[bfnrt]))` is the same set but twice as slow on every text (V8 then scans for the literal
 * at every position), measured on 900 KB: 0.35 ms against 3.5 ms for the sk- shape alone.
 */
const WORD_START = String.raw`(?<!(?<!\\)[A-Za-z0-9_]|(?<=\\)[ac-eg-mo-qsu-zA-Z0-9_])`;

/** Provider key shapes, named, so the import scan reports the same kinds this redacts. Group 1 is empty. */
export const SECRET_SHAPES: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  // Anthropic's own keys and OAuth tokens (`sk-ant-api03-`, `sk-ant-oat01-`) wherever they start, even glued to a
  // word before them (an endpoint that echoes a token into its text; issue 29, item 6); other sk-... keys at a word
  // start (`task-...` is no key); Z.ai's `<32 hex>.<16 alnum>` keys unless inside a longer hex run.
  { kind: 'Anthropic key or OAuth token', pattern: /()sk-ant-[a-z]{2,5}\d{2}-[A-Za-z0-9_-]{8,}/g },
  { kind: 'API key (sk-)', pattern: new RegExp(`${WORD_START}()sk-[A-Za-z0-9_-]{12,}`, 'g') },
  { kind: 'Z.ai key', pattern: /(?<!(?<!\\)[a-f0-9])()[a-f0-9]{32}\.[A-Za-z0-9]{16}(?![A-Za-z0-9])/g },
  // GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).
  { kind: 'GitHub token', pattern: new RegExp(`${WORD_START}()(?:gh[opusr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})`, 'g') },
];

/**
 * Redacted but not named to the task import's scan (a JWT library's tests hold sample tokens): OAuth token fields, as
 * in Codex's auth.json (`id_token`, `access_token`, `refresh_token`) and Claude's `.credentials.json` (`accessToken`),
 * and JWTs anywhere (a Codex access token is one: no key shape above catches it).
 */
const TOKEN_FIELD_PATTERN = /((?:access|refresh|id)[-_]?token\\?"?\s*[:=]\s*\\?"?)[^\s",\\]+/gi;
const JWT_PATTERN = /()eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

/**
 * Every rule, in order: key blocks first (no shape may cut into one), then headers, so a header's value is redacted
 * once as a whole before the shapes look inside it, then the provider shapes, then secret-rules.ts's cloud keys,
 * credential URLs and named assignments (issue 44, item 7). The one list everything kept is redacted with: ledger
 * rows, rejected inputs, the runner's record, and each arm's evidence (turns, diff, test log, summary).
 */
const RULES: readonly SecretRule[] = [
  PRIVATE_KEY_RULE,
  { source: 'agent-tracker: secret-named headers and fields', pattern: SECRET_HEADER_PATTERN },
  { source: "agent-tracker: OAuth token fields (Codex's auth.json, Claude's .credentials.json)", pattern: TOKEN_FIELD_PATTERN },
  { source: 'agent-tracker: Bearer and Basic credentials', pattern: BEARER_PATTERN },
  ...SECRET_SHAPES.map((shape) => ({ source: `agent-tracker: ${shape.kind}`, pattern: shape.pattern })),
  { source: 'gitleaks jwt', pattern: JWT_PATTERN },
  ...SECRET_RULES,
];

const ANY_HINT = new RegExp(
  RULES.flatMap((rule) => rule.hints ?? [])
    .map((hint) => hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);

export interface RedactionResult {
  text: string;
  redactions: number;
}

/** Replaces each secret with `[REDACTED]`; never removes a quote or a backslash, so JSON stays JSON. */
export function redactSecrets(text: string): RedactionResult {
  let redactions = 0;
  let result = text;
  // One scan for every hint: a text with none (most strings of a ledger row) skips every rule that has them.
  const hinted = ANY_HINT.test(text);
  for (const { pattern, keep, hints } of RULES) {
    if (hints && !(hinted && hints.some((hint) => result.includes(hint)))) continue;
    result = result.replace(pattern, (match: string, prefix: string | undefined, ...rest: unknown[]) => {
      const kept = prefix ?? '';
      if (keep) {
        // replace() passes the groups, then the offset and the whole text (no pattern here has named groups).
        const whole = rest[rest.length - 1] as string;
        const offset = rest[rest.length - 2] as number;
        if (keep(match.slice(kept.length), kept, whole.charAt(offset + match.length))) return match;
      }
      redactions += 1;
      return `${kept}[REDACTED]`;
    });
  }
  const decoded = redactEncoded(result);
  return { text: decoded.text, redactions: redactions + decoded.redactions };
}

/**
 * A run of base64 (standard or URL-safe) long enough to hold a credential: `user:ghp_...` of a Docker config.json's
 * `auth` is 60 characters encoded, an `sk-ant-` key over 100. Shorter runs are words and ids.
 */
const BASE64_RUN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}(?![A-Za-z0-9+/=_-])/g;

/**
 * Each base64 run that decodes to text holding a secret, redacted whole (issue 50, item 5: `echo <base64 of a key>`,
 * a Docker `auth`). Runs without both cases (hex digests, kebab-case words) are not decoded; text is printable ASCII
 * (random bytes decoded are not, in 24 characters all but never).
 */
function redactEncoded(text: string): RedactionResult {
  let redactions = 0;
  const result = text.replace(BASE64_RUN, (run) => {
    if (!/[A-Z]/.test(run) || !/[a-z]/.test(run)) return run;
    const decoded = Buffer.from(run, run.includes('-') || run.includes('_') ? 'base64url' : 'base64').toString('latin1');
    if (!/^[\x20-\x7e\t\r\n]+$/.test(decoded) || redactSecrets(decoded).redactions === 0) return run;
    redactions += 1;
    return '[REDACTED]';
  });
  return { text: result, redactions };
}

export function redactText(text: string): string {
  return redactSecrets(text).text;
}

/** A copy of a row with every string value redacted; rows without secrets come back as they were. */
export function redactRow<R>(row: R): R {
  if (typeof row === 'string') return redactText(row) as R;
  if (Array.isArray(row)) return row.map((item: unknown) => redactRow(item)) as R;
  if (row === null || typeof row !== 'object') return row;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) copy[key] = redactRow(value);
  return copy as R;
}
