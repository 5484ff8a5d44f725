// A login file's JSON, read guarded (regular, small, non-blocking): a file that cannot be read is no login, never an error.
import { readBoundedFile } from '../../ledger/store/index.js';

/** A small JSON file, or null: a login file that cannot be read is no plan, never an error. */
export function readLoginJson(file: string): unknown {
  try {
    const text = readBoundedFile(file);
    return text == null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}
