// The session-ingest frame: progress for every file walked, whether or not it had anything new.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestCodexRollouts } from './ingest-codex-rollouts.js';

const FIXTURE = join(import.meta.dirname, '..', 'parsers', 'test-fixtures', 'real', 'codex-0.169.0-fork-child.jsonl');
const NAME = 'rollout-2026-11-25T23-01-39-01a214f1-7b68-7df3-9b23-6bdd96ba0afe.jsonl';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'session-frame-'));
  mkdirSync(join(dir, 'codex-home', 'sessions', '2026'), { recursive: true });
  copyFileSync(FIXTURE, join(dir, 'codex-home', 'sessions', '2026', NAME));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function ingestCounting(): Array<[number, number]> {
  const calls: Array<[number, number]> = [];
  const options = { codexHome: join(dir, 'codex-home'), onFile: (done: number, total: number) => calls.push([done, total]) };
  ingestCodexRollouts(join(dir, 'data'), { agentId: 'main', source: 'ingest' }, options);
  return calls;
}

describe('the session-ingest frame', () => {
  it('reports progress for a rollout with nothing new, as for the others', () => {
    expect(ingestCounting()).toEqual([[1, 1]]);
    expect(ingestCounting()).toEqual([[1, 1]]);
  });
});
