// SESSION_HANDOFF.md is read by the next agent: a checkpoint's notes reach it redacted as the CSV row is, on one bounded line.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TokenChurnRecord } from '../../ledger/index.js';
import { appendSessionHandoff } from './append-session-handoff.js';

const KEY = `sk-ant-api03-${'A1b2C3d4E5'.repeat(9)}AA`;

function checkpointWith(notes: string): TokenChurnRecord {
  return {
    recorded_at: '2025-01-02T03:04:05.000Z',
    agent_id: 'main',
    provider: 'claude',
    window_id: 'w-1',
    feature_id: null,
    stage: 'mid',
    tokens: 1200,
    tokens_from: 'flag',
    notes,
    source: 'alias',
    tool_version: '0.0.0',
  };
}

describe('appendSessionHandoff', () => {
  it('writes the notes redacted, never the key', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'handoff-'));
    const path = appendSessionHandoff(dataDir, checkpointWith(`retry with ANTHROPIC_API_KEY=${KEY}\nthen\u001b[2J go on`), false);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(KEY.slice(0, 24));
    expect(text).toContain('- notes: retry with ANTHROPIC_API_KEY=[REDACTED] then\\x1b[2J go on\n');
  });

  it('cuts long notes to one bounded line, naming where the whole text is', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'handoff-'));
    const text = readFileSync(appendSessionHandoff(dataDir, checkpointWith('word '.repeat(5000)), false), 'utf8');
    const line = text.split('\n').find((row) => row.startsWith('- notes: ')) as string;
    expect(line.length).toBeLessThan(1100);
    expect(line).toMatch(/\.\.\. \(\d+ more characters in .+\.csv\)$/);
  });
});
