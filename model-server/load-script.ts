// Reads and validates a script JSON file; a bad script is refused with one line naming the file and the bad key.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../kernel/index.js';
import { ScriptSchema, type Script } from './script-schema.js';

/** Validates a parsed script; `source` names it in errors (a file name, or `script`). */
export function parseScript(value: unknown, source = 'script'): Script {
  const parsed = ScriptSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('BAD_INPUT', describeIssue(parsed.error.issues[0]), { where: source });
}

export function loadScript(path: string): Script {
  const name = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'expected a file, found a directory' : `cannot read it (${code ?? 'error'})`;
    throw new AppError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', reason, { where: path, cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError('BAD_INPUT', `not valid JSON (${(error as Error).message})`, { where: name });
  }
  return parseScript(value, name);
}

/** `steps[2].usage.output_tokens: expected a non-negative integer`. */
export function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid script';
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return `${joinPath(path, key)}: unknown key`;
  }
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    return `${path || 'script'}: expected one of ${issue.options.join(', ')}`;
  }
  return `${path || 'script'}: ${issue.message}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : joinPath(text, String(key))), '');
}

function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
