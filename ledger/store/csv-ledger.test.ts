import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendCsvRecords, CSV_LEDGERS, readCsvRecords } from './csv-ledger.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csv-ledger-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const columns = ['window_id', 'files_changed', 'notes'];
const path = () => join(dir, CSV_LEDGERS.churn);

describe('CSV ledgers', () => {
  it('writes a header once and appends records', () => {
    appendCsvRecords(dir, CSV_LEDGERS.churn, columns, [{ window_id: 'w1', files_changed: 3, notes: null }]);
    appendCsvRecords(dir, CSV_LEDGERS.churn, columns, [{ window_id: 'w2', files_changed: 0, notes: 'ok' }]);
    expect(readFileSync(path(), 'utf8')).toBe('window_id,files_changed,notes\nw1,3,\nw2,0,ok\n');
  });

  it('keeps a hand-edited file byte for byte, in its own column order, and appends after it', () => {
    const edited = 'notes,window_id,files_changed,extra\n"fixed, by hand ""twice""",w1,3,x\n"line one\nline two",w0,1,\n';
    writeFileSync(path(), edited.slice(0, -1));
    appendCsvRecords(dir, CSV_LEDGERS.churn, columns, [{ window_id: 'w2', files_changed: 5, notes: 'a "quoted", note' }]);
    const text = readFileSync(path(), 'utf8');
    expect(text.startsWith(edited)).toBe(true);
    const records = readCsvRecords(dir, CSV_LEDGERS.churn);
    expect(records).toEqual([
      { notes: 'fixed, by hand "twice"', window_id: 'w1', files_changed: '3', extra: 'x' },
      { notes: 'line one\nline two', window_id: 'w0', files_changed: '1', extra: '' },
      { notes: 'a "quoted", note', window_id: 'w2', files_changed: '5', extra: '' },
    ]);
    // Round trip: what csv-parse reads, csv-stringify writes back to the same bytes.
    expect(stringify(parse(text) as string[][], { record_delimiter: '\n' })).toBe(text);
  });

  it('reads a BOM, keeps CRLF line endings, and refuses to append after an unclosed quote', () => {
    writeFileSync(path(), '\uFEFFwindow_id,files_changed,notes\r\nw1,3,x\r\n');
    appendCsvRecords(dir, CSV_LEDGERS.churn, columns, [{ window_id: 'w2', files_changed: 1, notes: '=SUM(A1)' }]);
    expect(readFileSync(path(), 'utf8')).toBe("\uFEFFwindow_id,files_changed,notes\r\nw1,3,x\r\nw2,1,'=SUM(A1)\r\n");
    expect(readCsvRecords(dir, CSV_LEDGERS.churn).map((record) => record.window_id)).toEqual(['w1', 'w2']);
    writeFileSync(path(), 'window_id,files_changed,notes\n"oops,3,x\n');
    expect(() => appendCsvRecords(dir, CSV_LEDGERS.churn, columns, [{ window_id: 'w2', files_changed: 1, notes: null }])).toThrow(
      /cannot read it as CSV/,
    );
  });

  it('refuses to append when the header lost a column, naming it', () => {
    writeFileSync(path(), 'window_id,notes\nw1,\n');
    expect(() => appendCsvRecords(dir, CSV_LEDGERS.churn, columns, [{ window_id: 'w2', files_changed: 1, notes: null }])).toThrow(
      /lacks column "files_changed"/,
    );
    expect(readFileSync(path(), 'utf8')).toBe('window_id,notes\nw1,\n');
  });
});
