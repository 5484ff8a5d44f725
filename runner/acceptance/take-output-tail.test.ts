import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTestLog } from '../../ledger/evidence/index.js';
import { OUTPUT_TAIL, takeOutputTail } from './take-output-tail.js';

describe('takeOutputTail', () => {
  it('keeps a short output whole', () => {
    expect(takeOutputTail('ok 1 - adds\n')).toBe('ok 1 - adds\n');
  });

  it('leaves in tests.log no end of a key the tail cuts through (a hidden test that prints its environment)', () => {
    const key = `sk-ant-api03-${'Q7w8E9r0T1y2U3i4'.repeat(5)}`;
    // Sized from OUTPUT_TAIL so the tail's first character falls 40 characters into the key: what is left of it has no key shape.
    const after = `\nHOME=/home/agent\n${'ok 1 - passes\n'.repeat(Math.ceil(OUTPUT_TAIL / 14))}`.slice(0, OUTPUT_TAIL - key.length + 40);
    const output = `ANTHROPIC_KEY_DUMP ${key}${after}`.padStart(OUTPUT_TAIL + 500, '#');
    const start = output.length - OUTPUT_TAIL;
    expect(output.indexOf(key)).toBeLessThan(start);
    expect(output.indexOf(key) + key.length).toBeGreaterThan(start + 20);
    const dir = mkdtempSync(join(tmpdir(), 'output-tail-'));
    try {
      writeTestLog(dir, 'w-1', takeOutputTail(output));
      const log = readFileSync(join(dir, 'evidence', 'w-1', 'tests.log'), 'utf8');
      expect(log).not.toContain('Q7w8E9r0T1y2');
      const dropped = output.indexOf('\nHOME=/home/agent');
      expect(log.startsWith(`[... ${dropped} earlier characters cut by agent-tracker ...]\n\nHOME=/home/agent`)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
