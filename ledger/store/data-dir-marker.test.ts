// Every data dir a write opens carries the marker the sandbox finds data dirs by; an existing marker is never rewritten.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from './append-rows.js';
import { DATA_DIR_MARKER, ensureDataDir, LEDGER_FILES } from './data-dir.js';
import { stampRow, type StampContext } from './stamp-row.js';

const ctx: StampContext = { agentId: 'tester', source: 'manual' };
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'data-dir-marker-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the data dir marker', () => {
  it('is written when a write makes the data dir', () => {
    const dataDir = join(root, 'new', 'data');
    appendRows(dataDir, LEDGER_FILES.snapshots, [stampRow(ctx, 'snapshot', { n: 1 })], ctx);
    expect(readFileSync(join(dataDir, DATA_DIR_MARKER), 'utf8')).toContain('agent-tracker data directory');
  });

  it('is added to an existing data dir without one at its next write, leaving its rows as they were', () => {
    const dataDir = join(root, 'old');
    mkdirSync(dataDir);
    const row = '{"id":"a","kind":"window"}\n';
    writeFileSync(join(dataDir, LEDGER_FILES.windows), row);
    appendRows(dataDir, LEDGER_FILES.snapshots, [stampRow(ctx, 'snapshot', { n: 1 })], ctx);
    expect(existsSync(join(dataDir, DATA_DIR_MARKER))).toBe(true);
    expect(readFileSync(join(dataDir, LEDGER_FILES.windows), 'utf8')).toBe(row);
  });

  it('is never rewritten once there', () => {
    const dataDir = join(root, 'kept');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, DATA_DIR_MARKER), 'the user wrote this\n');
    ensureDataDir(dataDir);
    expect(readFileSync(join(dataDir, DATA_DIR_MARKER), 'utf8')).toBe('the user wrote this\n');
  });
});
