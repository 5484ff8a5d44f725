// Reads a small JSON file and checks it with a zod schema: one clear error naming the file and the bad key.
import type { z } from 'zod';
import { AppError, parseJsonText } from '../../kernel/index.js';
import { type FileBound, readBoundedFile, SMALL_FILE } from './read-bounded-file.js';

/**
 * A missing file is BAD_USAGE (the user named a wrong path); a file that is no small regular file, unreadable JSON or
 * a value the schema refuses is BAD_INPUT, as `<key path>: <what was expected>` with the file as `where`. `hint` is
 * appended to a schema refusal (e.g. an example of the expected shape); `label` names the whole value when the
 * refusal is at its root; `bound` what the file is called and may weigh (read-bounded-file.ts).
 */
export function readJsonFile<S extends z.ZodType>(
  file: string,
  schema: S,
  options: { missing?: string; hint?: string; label?: string; bound?: FileBound } = {},
): z.infer<S> {
  const text = readBoundedFile(file, options.bound ?? SMALL_FILE);
  if (text === null) throw new AppError('BAD_USAGE', options.missing ?? 'no such file', { where: file });
  return checkJsonShape(file, schema, parseJsonText(text, file), options);
}

/** Checks a value read from `file` with a schema: the first issue as `<key path>: <what was expected>`, BAD_INPUT. */
export function checkJsonShape<S extends z.ZodType>(
  file: string,
  schema: S,
  value: unknown,
  options: { hint?: string; label?: string } = {},
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError(
    'BAD_INPUT',
    `${issue?.path.map(String).join('.') || (options.label ?? 'file')}: ${issue?.message ?? 'invalid'}${options.hint ? ` ${options.hint}` : ''}`,
    { where: file },
  );
}
