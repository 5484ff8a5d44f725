// JSON from a file or a flag, parsed with an error that quotes none of it: the text may be a secret a link points at.
import { AppError } from './app-error.js';

/**
 * JSON.parse with an error that quotes nothing of the text: V8's message holds its first characters (`Unexpected
 * token 'r', "root:x:0:0"... is not valid JSON`), and a link pointed at a secret would print them. Only where it
 * stopped is said.
 */
export function parseJsonText(text: string, where: string, what = 'not JSON'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const detail = position ? ` (at character ${position})` : message.startsWith('Unexpected end') ? ' (it ends too soon)' : '';
    throw new AppError('BAD_INPUT', `${what}${detail}`, { where });
  }
}
