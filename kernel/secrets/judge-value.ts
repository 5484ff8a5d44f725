// Whether a value after a secret's name is one or only looks like one: a template, a placeholder, a reference, code, a count.

/**
 * `${PW}`, `<password>`, `%s`, `{{ secrets.X }}`, `***`, `xxxx`, an earlier `[REDACTED]`, `sk-ant-oat01-...`: a
 * template, a placeholder or already hidden. detect-secrets' is_templated_secret and is_prefixed_with_dollar_sign
 * (filters/heuristic.py), gitleaks' global allowlist (`^\$(?:[A-Z_]+|[a-z_]+)$`, `^\{\{...}}$`, `***`, `xxx`).
 */
export function isTemplate(value: string): boolean {
  return /^[$<{%[]/.test(value) || /^(?:\*+|x+|X+|\.+|…)$/.test(value) || /(?:\.\.\.|…)$/.test(value);
}

/** AWS's documentation keys (`AKIAIOSFODNN7EXAMPLE`): gitleaks' aws-access-token allowlist, `.+EXAMPLE$`, and its stop word. */
export function isDocumentationExample(value: string): boolean {
  return value.includes('EXAMPLE');
}

/** A reference to a secret, not a secret: `process.env.X`, `os.environ[...]`, `os.getenv(...)`, `ENV['X']`. */
export function isReference(value: string): boolean {
  return /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|ENV\b|System\.getenv|env\.)/.test(value);
}

/**
 * gitleaks' global allowlist values (config/gitleaks.toml, [allowlist] regexes): booleans and null, paths under the
 * system folders, printf verbs. Tried on a whole value.
 */
export function isAllowedWord(value: string): boolean {
  return /^(?:true|false|null|none|nil|undefined)$/i.test(value) || /^\/(?:bin|etc|home|opt|tmp|usr|var)\/[\w ./-]+$/.test(value);
}

/** A value without letters that is a number (`4096`, `1.5`, `2026-05-01`): detect-secrets' is_not_alphanumeric_string. */
export function isNumber(value: string): boolean {
  return /^[\d.,:_+-]+$/.test(value);
}

/**
 * A bare word after a name reads as code (`z.string()`, `user_password`, `process.env.TOKEN`, `string`, `required`):
 * letters, `_`, `$` and dots only. A value with a digit or a sign (`hunter2`, `p@ss-word`) is a value.
 */
export function isIdentifier(value: string): boolean {
  return /^[A-Za-z_$][A-Za-z_$.]*$/.test(value);
}
