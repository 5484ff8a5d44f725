// Reads a command's input from --input FILE, --input - (stdin) or piped stdin, with a size limit.
import { createReadStream, statSync } from 'node:fs';
import { AppError } from '../kernel/index.js';

export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** For inputs larger than a screen (telemetry logs): the size limit, what the refusal suggests, the TTY prompt. */
export interface InputLimits {
  maxBytes?: number;
  hint?: string;
  prompt?: string;
}

export interface CommandInput {
  bytes: Buffer;
  /** How errors name it: the file path, or `stdin`. */
  name: string;
}

/**
 * Streams the input, so a slow pipe, a paste ended with Ctrl-D, `/dev/stdin` and `<(command)` all work
 * (a synchronous read of fd 0 fails with EAGAIN once Node has made the pipe non-blocking).
 */
export async function readCommandInput(input: string | undefined, limits: InputLimits = {}): Promise<CommandInput> {
  const max = { bytes: limits.maxBytes ?? MAX_INPUT_BYTES, hint: limits.hint ?? 'a pasted screen is a few kilobytes' };
  if (input === undefined || input === '-') {
    // The stream read, not fd 0: a command run in another's process (the specs run the CLI in theirs) reads a
    // stdin of its own, and fd 0 is then the terminal `npm test` was typed in.
    if ((process.stdin as { isTTY?: boolean }).isTTY === true)
      process.stderr.write(limits.prompt ?? 'Paste the screen, then press Ctrl-D on an empty line:\n');
    return { bytes: await readStream(process.stdin, 'stdin', max), name: 'stdin' };
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
  if (size > max.bytes) throw refuseTooLarge(input, size, max);
  return { bytes: await readStream(createReadStream(input), input, max), name: input };
}

async function readStream(stream: NodeJS.ReadableStream, name: string, max: { bytes: number; hint: string }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += buffer.length;
      if (total > max.bytes) throw refuseTooLarge(name, total, max);
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('BAD_USAGE', `cannot read the input (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      where: name,
      cause: error,
    });
  }
  return Buffer.concat(chunks);
}

function refuseTooLarge(name: string, size: number, max: { bytes: number; hint: string }): AppError {
  return new AppError('BAD_INPUT', `input is more than ${max.bytes} bytes (read ${size}); ${max.hint}`, { where: name });
}
