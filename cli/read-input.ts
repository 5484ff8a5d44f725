// Reads a command's input from --input FILE, --input - (stdin) or piped stdin, with a size limit.
import { readFileSync, statSync } from 'node:fs';
import { AppError } from '../ledger/index.js';

export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

export interface CommandInput {
  bytes: Buffer;
  /** How errors name it: the file path, or `stdin`. */
  name: string;
}

export function readCommandInput(input: string | undefined, stdin: NodeJS.ReadStream = process.stdin): CommandInput {
  if (input === undefined && stdin.isTTY) {
    throw new AppError('BAD_USAGE', 'no input: pass --input FILE, or pipe the pasted screen into the command', { where: '--input' });
  }
  if (input === undefined || input === '-') return { bytes: readLimited(0, 'stdin'), name: 'stdin' };
  let size: number;
  try {
    const stat = statSync(input);
    if (!stat.isFile()) throw new AppError('BAD_USAGE', `expected a file, got a ${stat.isDirectory() ? 'directory' : 'special file'}`, { where: input });
    size = stat.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BAD_USAGE', 'cannot read the input file (does it exist?)', { where: input, cause: error });
  }
  if (size > MAX_INPUT_BYTES) throw tooLarge(input, size);
  return { bytes: readFileSync(input), name: input };
}

function readLimited(fd: number, name: string): Buffer {
  const bytes = readFileSync(fd);
  if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(name, bytes.length);
  return bytes;
}

function tooLarge(name: string, size: number): AppError {
  return new AppError('BAD_INPUT', `input is ${size} bytes; the limit is ${MAX_INPUT_BYTES} bytes`, { where: name });
}
