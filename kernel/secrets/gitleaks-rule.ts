// The shape of one rule of gitleaks' rule set as ported (gitleaks-rules.ts), before it is compiled (compile-gitleaks-rules.ts).

export interface GitleaksRegex {
  source: string;
  /** `i` when the whole pattern is case-insensitive; the global flags are added when compiled. */
  flags?: string;
}

/** Values a rule finds that are not secrets after all. */
export interface GitleaksAllowlist {
  /** What the regexes are tried on: the secret (default), the whole match, or the line the match is on. */
  target?: 'match' | 'line';
  regexes?: readonly GitleaksRegex[];
  /** Words a secret holding any of them (case aside) is not one. */
  stopwords?: readonly string[];
  /** gitleaks' condition AND: a regex and a stop word must both hold (default OR: either). */
  all?: boolean;
}

export interface GitleaksRule {
  id: string;
  source: string;
  flags?: string;
  /**
   * The pattern lost gitleaks' `[\w.-]{0,50}?` before the keyword (slow in a backtracking engine): the match is read
   * back to the start of that name, up to 50 characters, for an allowlist whose target is the match.
   */
  namePrefix?: boolean;
  /** The group holding the secret; by default the first group that matched, else the whole match. */
  secretGroup?: number;
  /** The files the rule is for (`\.tf$`): a text that is no file (a turn, a log) is read with every rule. */
  path?: GitleaksRegex;
  /** Shannon entropy (bits a character) a secret must exceed. */
  entropy?: number;
  /** Lower-case texts one of which a text must hold for the rule to be tried on it; none: always tried. */
  keywords: readonly string[];
  allowlists?: readonly GitleaksAllowlist[];
}
