// Splits a command line written in a feature into arguments, with string-argv as cucumber-js's own steps do.

import { parseArgsStringToArgv } from 'string-argv';

/** The arguments of a feature's command line, quotes honoured; a leading `tracker` (the program's name) is dropped. */
export function splitArgs(line: string): string[] {
  const args = parseArgsStringToArgv(line);
  return args[0] === 'tracker' ? args.slice(1) : args;
}
