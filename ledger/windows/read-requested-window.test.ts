import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StampContext } from '../store/stamp-row.js';
import { readRequestedWindow } from './read-requested-window.js';
import { type CaptureReading, recordSnapshot } from './record-snapshot.js';

const ctx: StampContext = { agentId: 'main', source: 'manual' };
const reading: CaptureReading = { format: 'json', bars: { five_hour: { used_pct: 10, resets_at: null } }, parse_errors: [] };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'read-requested-window-'));
  recordSnapshot(dir, ctx, { provider: 'claude', phase: 'before', reading, capturedAt: new Date('2026-11-21T10:00:00Z') });
  recordSnapshot(dir, ctx, { provider: 'claude', phase: 'after', reading, capturedAt: new Date('2026-11-21T11:00:00Z') });
  recordSnapshot(dir, ctx, { provider: 'claude', phase: 'before', reading, capturedAt: new Date('2026-11-21T12:00:00Z') });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readRequestedWindow', () => {
  it('finds the window named by id and does not ask the default', () => {
    let asked = false;
    const found = readRequestedWindow(dir, 'main', { provider: 'claude', windowId: 'claude-20261121-1000' }, () => {
      asked = true;
      return undefined;
    });
    expect(found.window?.windowId).toBe('claude-20261121-1000');
    expect(found.windows.map((window) => window.windowId)).toEqual(['claude-20261121-1000', 'claude-20261121-1200']);
    expect(found.who).toBe('provider claude (agent main)');
    expect(asked).toBe(false);
  });

  it('without an id, takes the default the caller picks from all the windows', () => {
    const found = readRequestedWindow(dir, 'main', { provider: 'claude' }, (windows) => windows[0]);
    expect(found.window?.windowId).toBe('claude-20261121-1000');
  });

  it('gives no window for an id the ledger does not have, nor for another agent', () => {
    expect(readRequestedWindow(dir, 'main', { provider: 'claude', windowId: 'claude-x' }, (windows) => windows[0]).window).toBeUndefined();
    const other = readRequestedWindow(dir, 'other', { provider: 'claude' }, (windows) => windows[0]);
    expect(other.windows).toEqual([]);
    expect(other.who).toBe('provider claude (agent other)');
  });
});
