// Reads a client's credential file safely: a regular file of bounded size, opened without blocking, never echoed.
import { parseJsonText } from '../../kernel/index.js';
import { readBoundedFile } from '../../ledger/store/index.js';

/** A credential file is a few kilobytes (Codex's auth.json about 4 KB); more is not one. */
const CREDENTIAL_FILE = { what: 'a credential file', maxBytes: 1024 * 1024 };

/**
 * The file's JSON, read through the one guarded reader (a FIFO in its place blocked the proxy's event loop for good
 * and a link to /dev/zero grew it past 2 GB), its content never quoted in an error. Null when there is no such file.
 */
export function readCredentialFile(file: string): unknown {
  const text = readBoundedFile(file, CREDENTIAL_FILE);
  return text === null ? null : parseJsonText(text, file, 'is not JSON');
}

/** The value at `path` inside parsed JSON; undefined where any step is missing. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
