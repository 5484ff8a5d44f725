// Copies a ledger file's rows after a position into an open file, page by page, for the local copy and the export.
import { pgBridge } from './pg-bridge.js';

/** Rows per COPY: the work a killed copy redoes, and how often its position is recorded. */
export const COPY_PAGE_ROWS = 100_000;

/** A place in a ledger file's rows: the last row copied and the file's length after it. */
export interface CopyPosition {
  /** The last database row copied. */
  seq: number;
  /** The file's length after that row: anything beyond is a copy that was killed half-way. */
  bytes: number;
}

/**
 * Appends every row of `file` after `from.seq` to `fd`, starting at byte `from.bytes`, and calls `onPage` with
 * the new position once each page's bytes are written (never before); `pageRows` rows a COPY. Returns the rows copied.
 */
export function copyRowsInto(
  url: string,
  file: string,
  fd: number,
  from: CopyPosition,
  onPage: (position: CopyPosition) => void = () => {},
  pageRows = COPY_PAGE_ROWS,
): number {
  const position = { ...from };
  let rows = 0;
  for (;;) {
    const page = pgBridge.copy(url, file, position.seq, pageRows, fd, position.bytes);
    if (page.rows === 0) break;
    rows += page.rows;
    position.seq = page.lastSeq;
    position.bytes += page.bytes;
    onPage({ ...position });
    if (page.rows < pageRows) break;
  }
  return rows;
}
