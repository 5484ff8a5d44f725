// Reads a command's input from --input FILE, --input - (stdin) or piped stdin, with a size limit.
import { createReadStream, statSync } from 'node:fs';
import { isatty } from 'node:tty';
import { AppError } from '../ledger/index.js';

export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

export interface CommandInput {
  bytes: Buffer;
  /** How errors name it: the file path, or `stdin`. */
  name: string;
}

/**
 * Streams the input, so a slow pipe, a paste ended with Ctrl-D, `/dev/stdin` and `<(command)` all work
 * (a synchronous read of fd 0 fails with EAGAIN once Node has made the pipe non-blocking).
 */
export async function readCommandInput(input: string | undefined): Promise<CommandInput> {
  if (input === undefined || input === '-') {
    if (isatty(0)) process.stderr.write('Paste the screen, then press Ctrl-D on an empty line:\n');
    return { bytes: await readStream(process.stdin, 'stdin'), name: 'stdin' };
  }
  let size: number;
  try {
    const stat = statSync(input);
    if (stat.isDirectory()) throw new AppError('BAD_USAGE', 'expected a file, got a directory', { where: input });
    size = stat.isFile() ? stat.size : 0;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BAD_USAGE', 'cannot read the input file (does it exist?)', { where: input, cause: error });
  }
  if (size > MAX_INPUT_BYTES) throw refuseTooLarge(input, size);
  return { bytes: await readStream(createReadStream(input), input), name: input };
}

async function readStream(stream: NodeJS.ReadableStream, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += buffer.length;
      if (total > MAX_INPUT_BYTES) throw refuseTooLarge(name, total);
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BAD_USAGE', `cannot read the input (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { where: name, cause: error });
  }
  return Buffer.concat(chunks);
}

function refuseTooLarge(name: string, size: number): AppError {
  return new AppError('BAD_INPUT', `input is more than ${MAX_INPUT_BYTES} bytes (read ${size}); a pasted screen is a few kilobytes`, { where: name });
}
