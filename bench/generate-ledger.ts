// Writes a realistic ledger (3 agents x claude/codex windows, completions, a few undos and anomalies) fast.
import { createMulberry32 as createSeededRandom } from '../kernel/index.js';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isoTime } from './iso-time.js';
import { anomalyLine, makeId, retractionLine, snapshotLine, windowLine, type Capture, type ProviderName } from './ledger-rows.js';

export interface GeneratedLedger {
  snapshotRows: number;
  windows: number;
  completions: number;
  corrections: number;
  retractions: number;
  anomalies: number;
  bytes: number;
}

const AGENTS = ['alice-laptop', 'bob-desktop', 'ci-runner-1'];
const PROVIDERS: ProviderName[] = ['claude', 'codex'];
const STREAMS = AGENTS.flatMap((agent) => PROVIDERS.map((provider) => ({ agent, provider })));
const START = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;
const OUTCOMES = ['success', 'success', 'success', 'partial', 'fail', 'abandoned'];
const CHUNK_BYTES = 4 << 20;

/**
 * Writes snapshots.jsonl (`snapshotRows` snapshot rows: one before and one after per window), windows.jsonl, anomalies.jsonl.
 * `append` adds to files already there, with windows opened from `startYear` on (past a generated ledger's last
 * window: 1M rows reach into 2025), as the days after a preview would.
 */
export function generateLedger(
  dataDir: string,
  snapshotRows: number,
  seed = 42,
  options: { append?: boolean; startYear?: number } = {},
): GeneratedLedger {
  mkdirSync(dataDir, { recursive: true });
  const start = options.startYear === undefined ? START : Date.UTC(options.startYear, 0, 1);
  const mode = options.append ? 'a' : 'w';
  const random = createSeededRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const hex8 = (): string => int(0, 0xffffffff).toString(16).padStart(8, '0');
  const heads = Array.from({ length: 64 }, () => Array.from({ length: 5 }, hex8).join(''));
  const files = {
    snapshots: new Batch(join(dataDir, 'snapshots.jsonl'), mode),
    windows: new Batch(join(dataDir, 'windows.jsonl'), mode),
    anomalies: new Batch(join(dataDir, 'anomalies.jsonl'), mode),
  };
  const windows = Math.floor(snapshotRows / 2);
  const retractEvery = Math.max(10, Math.floor(windows / 10));
  const special = Math.max(1, Math.floor(windows / 2));
  const stats: GeneratedLedger = {
    snapshotRows: windows * 2,
    windows,
    completions: 0,
    corrections: 0,
    retractions: 0,
    anomalies: 0,
    bytes: 0,
  };

  for (let group = 0, w = 0; w < windows; group += 1) {
    const pairs: { w: number; before: Capture; after: Capture }[] = [];
    for (const stream of STREAMS) {
      if (w >= windows) break;
      const at = start + group * 10 * MINUTE + pairs.length * 7_000;
      const kind = w === 7 ? 'late-after' : w % special === 3 ? 'negative' : 'normal';
      const { before, after } = planWindow(stream, at, kind, random, int, () => heads[int(0, heads.length - 1)] ?? '', start);
      files.snapshots.push(snapshotLine(before));
      pairs.push({ w, before, after });
      w += 1;
    }
    for (const { w, before, after } of pairs) {
      files.snapshots.push(snapshotLine(after));
      if (w % retractEvery === retractEvery >> 1) {
        files.snapshots.push(retractionLine(makeId(after.at + 60_000, random), after, after.at + 60_000));
        stats.retractions += 1;
        continue;
      }
      const late = after.tags.includes('late-after');
      const anomalies = late ? ['late-after', 'reset-crossed'] : after.fiveHourPct < before.fiveHourPct ? ['negative-delta'] : [];
      for (const code of anomalies) {
        const message =
          code === 'late-after' ? 'after captured 180 s after the five_hour reset; forced' : `${code}: capacity delta set to null`;
        files.anomalies.push(anomalyLine(makeId(after.at + 1_500, random), code, message, before, after));
      }
      stats.anomalies += anomalies.length;
      if (random() < 0.08) continue;
      const doneAt = after.at + int(1, 30) * 1_000;
      const outcome = OUTCOMES[int(0, OUTCOMES.length - 1)] ?? 'success';
      const featureId = random() < 0.1 ? null : `F-${(w % 300) + 1}`;
      const completion = { id: makeId(doneAt, random), before, after, quality: int(0, 100) / 100, outcome, featureId };
      files.windows.push(windowLine(completion, doneAt));
      stats.completions += 1;
      if (w % special === 5) {
        files.windows.push(
          windowLine({ ...completion, id: makeId(doneAt + MINUTE, random), supersedes: completion.id, quality: 0.5 }, doneAt + MINUTE),
        );
        stats.corrections += 1;
      }
    }
  }
  stats.bytes = files.snapshots.close() + files.windows.close() + files.anomalies.close();
  return stats;
}

/** The before and after of one window: a normal one, one whose 5h bar went down, or one forced just after a reset. */
function planWindow(
  stream: { agent: string; provider: ProviderName },
  at: number,
  kind: 'normal' | 'negative' | 'late-after',
  random: () => number,
  int: (min: number, max: number) => number,
  head: () => string,
  start: number,
): { before: Capture; after: Capture } {
  const late = kind === 'late-after';
  const fiveHourPct = int(kind === 'negative' ? 20 : 0, 70);
  const fiveHourReset = at + (late ? 2 : int(60, 290)) * MINUTE;
  const weekStart = start + Math.floor((at - start) / WEEK) * WEEK;
  const weeklyPct = Math.floor(((at - weekStart) / WEEK) * 80);
  const before: Capture = {
    id: makeId(at, random),
    agent: stream.agent,
    provider: stream.provider,
    windowId: windowName(stream.provider, at),
    phase: 'before',
    at,
    fiveHourPct,
    fiveHourReset,
    weeklyPct,
    weeklyReset: weekStart + WEEK,
    tokens: int(1_000, 50_000),
    gitHead: head(),
    tags: [],
  };
  const afterAt = at + (late ? 5 : int(5, 9)) * MINUTE;
  const after: Capture = {
    id: makeId(afterAt, random),
    agent: stream.agent,
    provider: stream.provider,
    windowId: before.windowId,
    phase: 'after',
    at: afterAt,
    fiveHourPct: late ? int(0, 10) : kind === 'negative' ? fiveHourPct - 10 : Math.min(100, fiveHourPct + int(0, 25)),
    fiveHourReset: late ? fiveHourReset + 300 * MINUTE : fiveHourReset,
    weeklyPct: weeklyPct + int(0, 3),
    weeklyReset: before.weeklyReset,
    tokens: before.tokens + int(500, 20_000),
    gitHead: head(),
    tags: late ? ['late-after', 'forced'] : [],
  };
  return { before, after };
}

/** `claude-20240101-0010`, the name recordSnapshot gives a window opened at `at`. */
function windowName(provider: string, at: number): string {
  const stamp = isoTime(at);
  return `${provider}-${stamp.slice(0, 4)}${stamp.slice(5, 7)}${stamp.slice(8, 10)}-${stamp.slice(11, 13)}${stamp.slice(14, 16)}`;
}

/** Lines encoded straight into one reusable buffer and written in big chunks (no joins, little garbage). */
export class Batch {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private bytes = 0;
  constructor(path: string, mode: 'w' | 'a') {
    this.fd = openSync(path, mode);
  }
  push(line: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit; the rows here are ASCII anyway.
    if (this.used + line.length * 3 + 1 > CHUNK_BYTES) this.flush();
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.buffer[this.used] = 0x0a;
    this.used += 1;
  }
  close(): number {
    this.flush();
    closeSync(this.fd);
    return this.bytes;
  }
  private flush(): void {
    let offset = 0;
    while (offset < this.used) offset += writeSync(this.fd, this.buffer, offset, this.used - offset);
    this.bytes += this.used;
    this.used = 0;
  }
}
