// JSONL lines shaped exactly like stamped snapshot, window, retraction and anomaly rows, built as strings.
import { SCHEMA_VERSION, TOOL_VERSION } from '../kernel/index.js';
import { isoTime as iso } from './iso-time.js';

export type ProviderName = 'claude' | 'codex';

export interface Capture {
  id: string;
  agent: string;
  provider: ProviderName;
  windowId: string;
  phase: 'before' | 'after';
  at: number;
  fiveHourPct: number;
  fiveHourReset: number;
  weeklyPct: number;
  weeklyReset: number;
  tokens: number;
  gitHead: string;
  tags: string[];
}

export interface Completion {
  id: string;
  supersedes?: string;
  before: Capture;
  after: Capture;
  quality: number;
  outcome: string;
  featureId: string | null;
}

const TOOL = JSON.stringify(TOOL_VERSION);
const clock = (ms: number): string => iso(ms).slice(11, 16);

let counter = 0;
/** A UUIDv7-shaped id for `ms`; a running counter in the last group keeps ids unique. */
export function makeId(ms: number, random: () => number): string {
  const time = ms.toString(16).padStart(12, '0');
  const bits = Math.floor(random() * 0x4000000); // 26 random bits: 12 after the version, 14 after the variant
  const high = (bits >>> 14).toString(16).padStart(3, '0');
  const low = (0x8000 | (bits & 0x3fff)).toString(16);
  counter += 1;
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${high}-${low}-${counter.toString(16).padStart(12, '0')}`;
}

/** The stamp `stampRow` writes, in its key order, without the closing brace. `at` is when the row was written. */
function stamp(id: string, kind: string, at: number, source: string, agent: string, supersedes?: string): string {
  const corrected = supersedes ? `,"supersedes":"${supersedes}"` : '';
  return `{"id":"${id}","kind":"${kind}","ts":"${iso(at)}","schema_version":${SCHEMA_VERSION},"tool_version":${TOOL},"source":"${source}","agent_id":"${agent}"${corrected}`;
}

function bar(pct: number, reset: number, minutes: number): string {
  return `{"used_pct":${pct},"resets_at":"${iso(reset)}","resets_text":"${clock(reset)}","window_minutes":${minutes}}`;
}

/** A `snapshot` row as recordSnapshot writes it: claude shows a 5h bar, codex a 5h and a weekly bar plus tokens. */
export function snapshotLine(c: Capture): string {
  const fiveHour = bar(c.fiveHourPct, c.fiveHourReset, 300);
  const claude = c.provider === 'claude';
  const bars = claude ? `{"five_hour":${fiveHour}}` : `{"five_hour":${fiveHour},"weekly":${bar(c.weeklyPct, c.weeklyReset, 10080)}}`;
  const tokens = claude ? '' : `,"tokens":{"input":${c.tokens * 4},"output":${c.tokens},"total":${c.tokens * 5}}`;
  const tags = c.tags.length > 0 ? `"${c.tags.join('","')}"` : '';
  return `${stamp(c.id, 'snapshot', c.at + 1500, 'alias', c.agent)},"provider":"${c.provider}","window_id":"${c.windowId}","phase":"${c.phase}","captured_at":"${iso(c.at)}","format":"${claude ? 'claude-usage' : 'codex-status'}","bars":${bars}${tokens},"parse_errors":[],"tags":[${tags}],"git_head":"${c.gitHead}"}`;
}

/** The capacity computeCapacity finds for two captures with 5h bars. */
export function capacityOf(before: Capture, after: Capture): { json: string; errors: string[] } {
  const base = `"unit":"pct_5h","before":${before.fiveHourPct},"after":${after.fiveHourPct}`;
  if (after.at >= before.fiveHourReset) return { json: `{${base},"delta":null}`, errors: ['reset-crossed'] };
  const delta = Math.round((after.fiveHourPct - before.fiveHourPct) * 1e6) / 1e6;
  if (delta < 0) return { json: `{${base},"delta":null}`, errors: ['negative-delta'] };
  return { json: `{${base},"delta":${delta}}`, errors: [] };
}

/** A `window` row as completeWindow writes it (a correction when `supersedes` is set). */
export function windowLine(w: Completion, writtenAt: number): string {
  const { before, after } = w;
  const capacity = capacityOf(before, after);
  const errors = capacity.errors.length > 0 ? `"${capacity.errors.join('","')}"` : '';
  const feature = w.featureId === null ? 'null' : `"${w.featureId}"`;
  return `${stamp(w.id, 'window', writtenAt, 'manual', before.agent, w.supersedes)},"provider":"${before.provider}","window_id":"${before.windowId}","feature_id":${feature},"commit_start":"${before.gitHead}","commit_end":"${after.gitHead}","methodology":"manual","quality_score":${w.quality},"outcome":"${w.outcome}","capacity":${capacity.json},"before_id":"${before.id}","after_id":"${after.id}","errors":[${errors}]}`;
}

/** A `retraction` row as undoCapture writes it. */
export function retractionLine(id: string, target: Capture, writtenAt: number): string {
  return `${stamp(id, 'retraction', writtenAt, 'manual', target.agent)},"target_id":"${target.id}","target_kind":"snapshot","target":{"provider":"${target.provider}","window_id":"${target.windowId}","phase":"${target.phase}"},"reason":"undo"}`;
}

/** An `anomaly` row about a window, as recordSnapshot writes them. */
export function anomalyLine(id: string, code: string, message: string, before: Capture, after: Capture): string {
  return `${stamp(id, 'anomaly', after.at + 1500, 'alias', after.agent)},"code":"${code}","message":${JSON.stringify(message)},"provider":"${after.provider}","window_id":"${after.windowId}","ref_ids":["${before.id}","${after.id}"]}`;
}
