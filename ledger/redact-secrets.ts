// Removes API keys, bearer tokens and auth headers from text before it is kept on disk (invariant 10).

const SECRET_PATTERNS: RegExp[] = [
  // Authorization / x-api-key style headers, in header or JSON form.
  /((?:authorization|proxy-authorization|x-api-key|api[-_]?key|x-goog-api-key)"?\s*[:=]\s*"?)(?:bearer\s+)?[^\s",]+/gi,
  /\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  // Provider key shapes: sk-..., sk-ant-..., glm-style ids with a dot secret.
  /\b()sk-[A-Za-z0-9_-]{12,}/g,
  /\b()[a-f0-9]{32}\.[A-Za-z0-9]{16}\b/g,
];

export interface RedactionResult {
  text: string;
  redactions: number;
}

export function redactSecrets(text: string): RedactionResult {
  let redactions = 0;
  let result = text;
  for (const pattern of SECRET_PATTERNS) {
    result = result.replace(pattern, (_match: string, prefix: string | undefined) => {
      redactions += 1;
      return `${prefix ?? ''}[REDACTED]`;
    });
  }
  return { text: result, redactions };
}
