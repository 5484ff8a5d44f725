// Steps that look at the ledger files, rejects and per-agent state as they are on disk.
import assert from 'node:assert/strict';
import { insertByHand } from './pg-cluster.js';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

const REAL_FIXTURES = join(import.meta.dirname, '..', '..', 'sources', 'parsers', 'test-fixtures', 'real');

const STAMP_FIELDS = ['id', 'kind', 'ts', 'schema_version', 'tool_version', 'source', 'agent_id'];

Given('I note the bytes of every ledger file', function (this: TrackerWorld) {
  this.saveLedgerBytes();
});

Given('a file {string} containing:', function (this: TrackerWorld, name: string, content: string) {
  writeFileSync(join(this.workDir, name), content);
});

Given('a folder {string}', function (this: TrackerWorld, name: string) {
  mkdirSync(join(this.workDir, name), { recursive: true });
});

Given('a file {string} of {int} bytes of binary noise', function (this: TrackerWorld, name: string, size: number) {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 131 + 7) % 256;
  writeFileSync(join(this.workDir, name), bytes);
});

Given('{string} ends with a torn row {string}', function (this: TrackerWorld, file: string, fragment: string) {
  appendFileSync(this.ledgerFile(file), fragment);
});

Then('every ledger file is byte-identical to before', function (this: TrackerWorld) {
  assert.deepEqual(this.changedLedgerFiles(), []);
});

Then('only {string} changed among the ledger files', function (this: TrackerWorld, file: string) {
  assert.deepEqual(this.changedLedgerFiles(), [file]);
});

Then('{string} has {int} row(s)', function (this: TrackerWorld, file: string, count: number) {
  assert.equal(this.readRows(file).length, count);
});

Then('{string} has {int} {string} row(s)', function (this: TrackerWorld, file: string, count: number, kind: string) {
  assert.equal(this.readRows(file).filter((row) => row.kind === kind).length, count);
});

Then('every row of {string} is stamped', function (this: TrackerWorld, file: string) {
  const rows = this.readRows(file);
  assert.ok(rows.length > 0, `${file} has no rows`);
  for (const row of rows) {
    for (const field of STAMP_FIELDS) assert.ok(row[field] !== undefined && row[field] !== '', `row ${JSON.stringify(row)} lacks ${field}`);
  }
});

Then(
  'row {int} of {string} has {string} = {string}',
  function (this: TrackerWorld, index: number, file: string, path: string, expected: string) {
    const row = this.readRows(file)[index - 1];
    assert.ok(row, `${file} has no row ${index}`);
    assert.equal(JSON.stringify(readPath(row, path)), expected);
  },
);

Then('row {int} of {string} is retracted by row {int}', function (this: TrackerWorld, target: number, file: string, by: number) {
  const rows = this.readRows(file);
  const retraction = rows[by - 1];
  assert.equal(retraction?.kind, 'retraction');
  assert.equal(retraction?.target_id, rows[target - 1]?.id);
});

Then('{string} has an anomaly {string}', function (this: TrackerWorld, _file: string, code: string) {
  const codes = this.readRows('anomalies.jsonl').map((row) => row.code);
  assert.ok(codes.includes(code), `anomalies.jsonl has codes ${JSON.stringify(codes)}, not ${code}`);
});

Then('the first {int} lines of {string} are unchanged', function (this: TrackerWorld, count: number, file: string) {
  // Compares against the bytes noted earlier, line by line.
  this.expectLinesKept(file, count);
});

Then('a reject is kept with a reason containing {string}', function (this: TrackerWorld, expected: string) {
  const reasons = this.rejects().filter((name) => name.endsWith('.reason.json'));
  assert.ok(reasons.length > 0, 'rejects/ has no reason file');
  const texts = reasons.map((name) => readFileSync(join(this.dataDir, 'rejects', name), 'utf8'));
  assert.ok(
    texts.some((text) => text.includes(expected)),
    `no reject reason contains ${JSON.stringify(expected)}:\n${texts.join('\n')}`,
  );
});

Then('the kept input is identical to {string}', function (this: TrackerWorld, name: string) {
  const inputs = this.rejects().filter((file) => file.endsWith('.input'));
  const original = readFileSync(join(this.workDir, name));
  assert.ok(
    inputs.some((file) => readFileSync(join(this.dataDir, 'rejects', file)).equals(original)),
    `no kept input equals ${name}`,
  );
});

Then(
  'agent {string} has its own state saying window {string} is at {string}',
  function (this: TrackerWorld, agent: string, windowId: string, phase: string) {
    const path = join(this.dataDir, 'state', agent, 'windows.json');
    assert.ok(existsSync(path), `${path} does not exist`);
    const state = JSON.parse(readFileSync(path, 'utf8')) as { providers: Record<string, { window_id: string; last_phase: string }> };
    const entries = Object.values(state.providers);
    assert.ok(
      entries.some((entry) => entry.window_id === windowId && entry.last_phase === phase),
      `state of ${agent}: ${JSON.stringify(state.providers)}`,
    );
  },
);

function readPath(row: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], row);
}

Then('row {int} of {string} supersedes row {int}', function (this: TrackerWorld, by: number, file: string, target: number) {
  const rows = this.readRows(file);
  assert.ok(rows[target - 1]?.id, `${file} has no row ${target}`);
  assert.equal(rows[by - 1]?.supersedes, rows[target - 1]?.id);
});

// With PostgreSQL, "by hand" is another program's INSERT: the row bypasses this tool's checks as a hand edit does.
Given('a line is appended to {string} by hand:', async function (this: TrackerWorld, file: string, line: string) {
  if (this.ledgerUrl === null) {
    appendFileSync(this.ledgerFile(file), `${line}\n`);
    return;
  }
  const id = String((JSON.parse(line) as { id?: unknown }).id ?? `by-hand-${Date.now()}`);
  await insertByHand(this.ledgerUrl, file, id, line);
});

Then('no file in the data directory contains {string}', function (this: TrackerWorld, secret: string) {
  const offenders = listFiles(this.dataDir).filter((path) => readFileSync(path).includes(secret));
  assert.deepEqual(offenders, [], `files holding ${JSON.stringify(secret)}`);
});

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

Given('the state directory of agent {string} is replaced by a file', function (this: TrackerWorld, agent: string) {
  const dir = join(this.dataDir, 'state', agent);
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(dir, 'not a directory\n');
});

Given('a file {string} in Latin-1 containing {string}', function (this: TrackerWorld, name: string, text: string) {
  writeFileSync(join(this.workDir, name), Buffer.from(text, 'latin1'));
});

Then('the bytes of {string} noted earlier still start it', function (this: TrackerWorld, file: string) {
  this.expectPrefixKept(file);
});

Given('a Codex rollout {string} with:', function (this: TrackerWorld, name: string, content: string) {
  const path = join(this.workDir, 'codex-home', 'sessions', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${content}\n`);
});

/** A rollout the real Codex wrote (sources/parsers/test-fixtures/real/), placed in the Codex home under its own session's name. */
Given('the real Codex rollout {string} in the Codex home {string}', function (this: TrackerWorld, fixture: string, home: string) {
  const text = readFileSync(join(REAL_FIXTURES, fixture), 'utf8');
  const meta = JSON.parse(text.slice(0, text.indexOf('\n'))) as { timestamp: string; payload: { id: string } };
  const stamp = meta.timestamp.slice(0, 19).replaceAll(':', '-');
  const path = join(
    this.workDir,
    home,
    'sessions',
    meta.timestamp.slice(0, 10).replaceAll('-', '/'),
    `rollout-${stamp}-${meta.payload.id}.jsonl`,
  );
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
});

Given('the Codex rollout {string} grows by:', function (this: TrackerWorld, name: string, content: string) {
  appendFileSync(join(this.workDir, 'codex-home', 'sessions', name), `${content}\n`);
});

Given('a broken link {string} in the Codex home', function (this: TrackerWorld, name: string) {
  const path = join(this.workDir, 'codex-home', 'sessions', name);
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(join(this.workDir, 'nowhere.jsonl'), path);
});

Then('the file {string} has a reading by {string}', function (this: TrackerWorld, file: string, agent: string) {
  const rows = readFileSync(join(this.workDir, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.ok(
    rows.some((row) => row.kind === 'reading' && row.agent_id === agent),
    `no reading by ${agent} in ${file}`,
  );
});

Given('a link {string} to the sessions folder inside it', function (this: TrackerWorld, name: string) {
  const sessions = join(this.workDir, 'codex-home', 'sessions');
  symlinkSync(sessions, join(sessions, name));
});
