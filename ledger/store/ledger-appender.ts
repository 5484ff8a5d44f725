// Appends rows to one ledger file through a descriptor kept open, for a writer of many small appends (the proxy: a row per request).
import { closeSync, fsyncSync, openSync, statSync } from 'node:fs';
import { AppError } from '../../kernel/index.js';
import type { StampContext } from './stamp-row.js';
import { appendLocked, assertLedgerFile, fsyncDirectory, type LockedAppend } from './append-rows.js';
import { ensureDataDir, resolveLedgerPath, type LedgerFile } from './data-dir.js';

/** Times the file may lose its name under one append before the append gives up. */
const MAX_REOPENS = 3;

/**
 * The same append as appendRows (docs/decisions/0001-flock-for-appends.md): the flock is still taken for
 * every call, since other processes append to the same file; a torn tail is still repaired first; the
 * write is whole or nothing. What it saves per call is the mkdir, the open, the close, and the read of
 * the file's last byte when the file still ends where this descriptor's last append ended; the fsync is
 * the caller's to batch (docs/decisions/0004-kept-open-ledger-appender.md). A file deleted or replaced
 * meanwhile (its inode has no name left) is opened afresh, so rows never go to an unlinked inode.
 */
export class LedgerAppender {
  private fd: number | null = null;
  /** Where this descriptor's last append ended; null when unknown (just opened, or after a failure). */
  private end: number | null = null;
  private readonly path: string;

  constructor(
    private readonly dataDir: string,
    private readonly file: LedgerFile,
    private readonly ctx: StampContext,
  ) {
    assertLedgerFile(file);
    this.path = resolveLedgerPath(dataDir, file);
  }

  /**
   * Writes the rows (redacted, as one buffer) under the lock, without fsync; returns them as stored. Throws
   * what appendRows throws (an AppError of kind LEDGER_WRITE_REFUSED when the disk refused them, nothing of them then kept).
   */
  append<R extends object>(rows: R[], retryFrom?: number): R[] {
    for (let opened = 0; opened < MAX_REOPENS; opened += 1) {
      const fd = this.fd ?? this.open();
      const state: LockedAppend = { repaired: false, end: this.end };
      this.end = null;
      try {
        const stored = appendLocked(this.dataDir, this.file, fd, rows, this.ctx, retryFrom, state);
        if (!state.unlinked) {
          this.end = state.end ?? null;
          return stored;
        }
      } finally {
        // A repair reaches disk now, even when the rows were refused (as in appendRows).
        if (state.repaired) fsyncSync(fd);
      }
      this.close();
    }
    throw new AppError('IO', `${this.file} was deleted or replaced ${MAX_REOPENS} times while rows were being appended`, {
      where: this.path,
    });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.end = null;
  }

  private open(): number {
    ensureDataDir(this.dataDir);
    const created = statSync(this.path, { throwIfNoEntry: false }) === undefined;
    const fd = openSync(this.path, 'a+');
    try {
      if (created) fsyncDirectory(this.dataDir);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    this.fd = fd;
    return fd;
  }
}
