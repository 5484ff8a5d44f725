// A secret rule written as one regular expression whose first group is kept (a name, a scheme, a user) and the rest hidden.
import type { SecretDetector, SecretSpan } from './secret-detector.js';

export interface PatternRule {
  kind: string;
  /** Global. Group 1 (every pattern has one, empty when nothing is kept) is kept; the rest of the match is the secret. */
  pattern: RegExp;
  /** Lower-case texts one of which a text must hold for the rule to be tried (none: always). */
  keywords: readonly string[];
  /**
   * A match that is no secret after all (a reference, a placeholder, code): it gets the value, the kept prefix and
   * the character after the match.
   */
  keep?: (value: string, prefix: string, next: string) => boolean;
  /** The value is found by the name before it, not its own shape: the task import judges it (secret-detector.ts). */
  named?: boolean;
}

export function detectPattern(rule: PatternRule): SecretDetector {
  return {
    kind: rule.kind,
    keywords: rule.keywords,
    find(text: string, found: SecretSpan[]): void {
      const { pattern, keep } = rule;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const prefix = match[1] ?? '';
        const start = match.index + prefix.length;
        const end = match.index + match[0].length;
        if (end === start) {
          if (match[0].length === 0) pattern.lastIndex += 1;
          continue;
        }
        if (keep?.(text.slice(start, end), prefix, text.charAt(end))) continue;
        const span: SecretSpan = { start, end, kind: rule.kind };
        if (rule.named) span.named = /["'`]$/.test(prefix) ? 'quoted' : 'bare';
        found.push(span);
      }
    },
  };
}
