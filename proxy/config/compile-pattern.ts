// Turns a config pattern (glob, regex or exact) into a test function, with errors naming where it was.
import picomatch from 'picomatch';
import { isGlob } from '../../budget/prices/index.js';
import { AppError } from '../../kernel/index.js';
import type { Pattern } from './proxy-config-schema.js';

export type StringTest = (value: string) => boolean;

export function compilePattern(pattern: Pattern, where: string): StringTest {
  if (typeof pattern === 'string') {
    if (!isGlob(pattern)) return (value) => value === pattern;
    // Model names and header values are not paths: with `bash`, a single `*` also crosses "/" ("openrouter/*").
    return picomatch(pattern, { bash: true, dot: true });
  }
  if ('exact' in pattern) return (value) => value === pattern.exact;
  try {
    const regex = new RegExp(pattern.regex);
    return (value) => regex.test(value);
  } catch (error) {
    throw new AppError(
      'BAD_INPUT',
      `expected a valid regular expression, got ${JSON.stringify(pattern.regex)} (${(error as Error).message})`,
      { where },
    );
  }
}
