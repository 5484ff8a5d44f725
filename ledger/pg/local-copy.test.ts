// The paged COPY into the local copy and the export, against a real throwaway cluster: pages add up to the
// database's rows byte for byte, and a copy killed after writing part of a page is cut back and fetched again.
import { allowSkip } from '../../kernel/index.js';
import { closeSync, ftruncateSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainNoPostgres, startTestCluster, type TestCluster } from '../../step-definitions/pg-cluster.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { type CopyPosition, copyRowsInto } from './copy-rows.js';
import { exportLedger } from './export-ledger.js';
import { refreshLocalCopy } from './local-copy.js';
import { pgBridge } from './pg-bridge.js';

const noPostgres = allowSkip(explainNoPostgres());
const ANOMALIES = LEDGER_FILES.anomalies;
const PREVIEWS = LEDGER_FILES.previews;

/** Lines a text-format COPY would escape (backslashes, escaped newlines and tabs) and multi-byte characters. */
const lineOf = (file: string, n: number): string =>
  JSON.stringify({ file, n, note: 'caf\u00e9 "quoted" \\ back\nslash\ttab \u{1f600} '.repeat((n % 3) + 1) });

describe.skipIf(noPostgres !== null)('PostgreSQL local copy', () => {
  let cluster: TestCluster;
  let url: string;
  let work: string;
  const written = new Map<string, string[]>();

  /** Appends `count` rows to `file`, one transaction each, interleaved with the other file's by the caller. */
  const append = (file: string, count: number): void => {
    const lines = written.get(file) ?? [];
    for (let i = 0; i < count; i += 1) {
      const line = lineOf(file, lines.length);
      pgBridge.append(url, file, [`${file}-${lines.length}`], [line]);
      lines.push(line);
    }
    written.set(file, lines);
  };
  const expected = (file: string): string => (written.get(file) ?? []).map((line) => `${line}\n`).join('');

  beforeAll(() => {
    cluster = startTestCluster();
    url = cluster.createDatabase('copy_test');
    pgBridge.migrate(url, null);
    work = mkdtempSync(join(tmpdir(), 'tracker-pg-copy-'));
    for (let round = 0; round < 5; round += 1) {
      append(ANOMALIES, 5);
      append(PREVIEWS, 2);
    }
  });
  afterAll(() => {
    pgBridge.close(url);
    cluster?.stop();
  });

  it("adds the pages up to exactly the file's rows, recording each position only past whole written rows", async () => {
    const path = join(work, 'paged.jsonl');
    const fd = openSync(path, 'w');
    const positions: CopyPosition[] = [];
    let rows: number;
    try {
      rows = copyRowsInto(url, ANOMALIES, fd, { seq: 0, bytes: 0 }, (position) => positions.push(position), 4);
    } finally {
      closeSync(fd);
    }
    expect(rows).toBe(25);
    expect(readFileSync(path, 'utf8')).toBe(expected(ANOMALIES));
    // 25 rows in pages of 4: six full pages and one of 1, each position at the end of its page's last line.
    expect(positions).toHaveLength(7);
    const lines = written.get(ANOMALIES) ?? [];
    positions.forEach((position, page) => {
      const upTo = lines.slice(0, Math.min(25, (page + 1) * 4));
      expect(position.bytes).toBe(Buffer.byteLength(upTo.map((line) => `${line}\n`).join('')));
    });
    expect(positions.at(-1)?.seq).toBe(await readLastSeq(url, ANOMALIES));
    const again = openSync(path, 'a');
    try {
      expect(copyRowsInto(url, ANOMALIES, again, positions.at(-1) as CopyPosition, () => expect.fail('no page'), 4)).toBe(0);
    } finally {
      closeSync(again);
    }
    expect(statSync(path).size).toBe(positions.at(-1)?.bytes);
  });

  it('cuts back a copy killed after writing part of a page and fetches the rest again, rows of another machine too', () => {
    const dataDir = join(work, 'data');
    const path = refreshLocalCopy(dataDir, url, ANOMALIES);
    expect(readFileSync(path, 'utf8')).toBe(expected(ANOMALIES));
    append(ANOMALIES, 6);
    // What a refresh killed mid-page leaves: a page's rows written past the recorded position, the last one torn.
    const position = JSON.parse(readFileSync(`${path}.position.json`, 'utf8')) as CopyPosition;
    const fd = openSync(path, 'a+');
    try {
      const page = pgBridge.copy(url, ANOMALIES, position.seq, 4, fd, position.bytes);
      expect(page.rows).toBe(4);
      ftruncateSync(fd, position.bytes + page.bytes - 7);
    } finally {
      closeSync(fd);
    }
    append(ANOMALIES, 2);
    refreshLocalCopy(dataDir, url, ANOMALIES);
    expect(readFileSync(path, 'utf8')).toBe(expected(ANOMALIES));
    // Shorter than its position (a damaged copy): fetched again from the first row.
    truncateSync(path, 100);
    refreshLocalCopy(dataDir, url, ANOMALIES);
    expect(readFileSync(path, 'utf8')).toBe(expected(ANOMALIES));
  });

  it('exports each file with rows byte for byte, and no file for one the database has no rows of', () => {
    const dir = join(work, 'export');
    const exported = exportLedger(url, dir);
    const withRows = Object.values(LEDGER_FILES).filter((file) => written.has(file));
    expect(exported).toEqual(withRows.map((file) => ({ file, rows: written.get(file)?.length })));
    expect(readdirSync(dir).sort()).toEqual([ANOMALIES, PREVIEWS].sort());
    for (const file of [ANOMALIES, PREVIEWS]) expect(readFileSync(join(dir, file), 'utf8')).toBe(expected(file));
  });

  it('copies a forged row holding raw line ends as one line (it became two rows in every copy)', () => {
    const file = LEDGER_FILES.otelUsage;
    // A line end inside a string (the row still means what it said) and one between its fields (then unreadable).
    const forged = ['{"kind":"anomaly","note":"one\n{}\r"}', '{"kind":"anomaly",\n"n":1}'];
    pgBridge.append(url, file, ['forged-1', 'forged-2'], forged);
    pgBridge.append(url, file, ['after-1'], ['{"kind":"anomaly","n":2}']);
    const path = refreshLocalCopy(join(work, 'forged'), url, file);
    const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
    expect(lines).toEqual(['{"kind":"anomaly","note":"one\\n{}\\r"}', '{"kind":"anomaly",\\n"n":1}', '{"kind":"anomaly","n":2}']);
    expect(JSON.parse(lines[0] as string)).toEqual({ kind: 'anomaly', note: 'one\n{}\r' });
    expect(() => JSON.parse(lines[1] as string)).toThrow();
  });
});

async function readLastSeq(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ seq: string }>('SELECT max(seq) AS seq FROM ledger_rows WHERE file = $1', [file]);
    return Number(result.rows[0]?.seq);
  } finally {
    await client.end();
  }
}
