// The kept-open appender: the same rows, repairs and refusals as appendRows, and a deleted file opened afresh.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stampRow, type StampContext } from './stamp-row.js';
import { appendRows, LEDGER_WRITE_REFUSED, readRefusedWriteStart } from './append-rows.js';
import { isAppError } from '../../kernel/index.js';
import { LEDGER_FILES } from './data-dir.js';
import { LedgerAppender } from './ledger-appender.js';
import { faults } from './test-fixtures/fs-faults.js';
import { makeTempDir } from './test-fixtures/spawn-worker.js';

// Hoisted above the imports: the fixture is loaded inside the factory.
vi.mock('node:fs', async (importActual) =>
  (await import('./test-fixtures/fs-faults.js')).withFaults(await importActual<typeof import('node:fs')>()),
);

const ctx: StampContext = { agentId: 'tester', source: 'proxy' };
const file = LEDGER_FILES.proxyTelemetry;
const row = (n: number, extra: object = {}) => stampRow(ctx, 'proxy-request', { n, ...extra });
let dir: string;
let cleanup: () => void;
let appender: LedgerAppender;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('ledger-appender'));
  appender = new LedgerAppender(join(dir, 'data'), file, ctx);
});
afterEach(() => {
  faults.write = null;
  appender.close();
  cleanup();
});
const linesOf = (name: string) =>
  readFileSync(join(dir, 'data', name), 'utf8')
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('LedgerAppender', () => {
  it('creates the data directory, and keeps rows of other writers between its own in order', () => {
    appender.append([row(1)]);
    appendRows(join(dir, 'data'), file, [row(2)], ctx);
    appender.append([row(3), row(4)]);
    expect(linesOf(file).map((line) => line.n)).toEqual([1, 2, 3, 4]);
  });

  it('repairs a torn tail another writer left after its own last row, before writing', () => {
    appender.append([row(1)]);
    appendFileSync(join(dir, 'data', file), '{"id":"torn');
    appender.append([row(2)]);
    expect(linesOf(file).map((line) => line.n)).toEqual([1, 2]);
    expect(linesOf(LEDGER_FILES.anomalies).map((line) => line.code)).toEqual(['torn-tail']);
  });

  it('opens the path afresh when the file (or the whole data directory) was deleted meanwhile', () => {
    appender.append([row(1)]);
    rmSync(join(dir, 'data'), { recursive: true });
    appender.append([row(2)]);
    expect(linesOf(file).map((line) => line.n)).toEqual([2]);
  });

  it('redacts secrets, also in a string it has already seen clean elsewhere', () => {
    const key = 'sk-ant-api03-abcdefghijklmnop';
    appender.append([row(1, { note: 'plain text' }), row(2, { note: `key ${key}` }), row(3, { note: `key ${key}` })]);
    const text = readFileSync(join(dir, 'data', file), 'utf8');
    expect(text).not.toContain(key);
    expect(linesOf(file).map((line) => line.note)).toEqual(['plain text', 'key [REDACTED]', 'key [REDACTED]']);
  });

  it('takes a refused write back whole, and a retry from its offset gives each row once', () => {
    appender.append([row(0)]);
    faults.write = { match: (path) => path.endsWith(`/${file}`), partial: 0.5 };
    let refused: unknown;
    try {
      appender.append([row(1), row(2), row(3)]);
    } catch (error) {
      refused = error;
    }
    expect(isAppError(refused, LEDGER_WRITE_REFUSED)).toBe(true);
    expect(linesOf(file).map((line) => line.n)).toEqual([0]);
    appender.append([row(1), row(2), row(3)], readRefusedWriteStart(refused));
    expect(linesOf(file).map((line) => line.n)).toEqual([0, 1, 2, 3]);
  });
});
