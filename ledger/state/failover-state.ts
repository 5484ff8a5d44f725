// The proxy's failover state in the data dir (proxy_failover.json): where work is now, which windows are spent, the last move.
import { join } from 'node:path';
import { isAppError } from '../../kernel/index.js';
import { type FileBound, readBoundedFile } from '../store/read-bounded-file.js';
import { writeJsonAtomically } from '../store/write-json-atomically.js';

export const FAILOVER_STATE_FILE = 'proxy_failover.json';
/** A chain's state is under a kilobyte: past this it is none, and the status line reads it on every prompt. */
const FAILOVER_STATE_BOUND: FileBound = { what: 'a failover state file', maxBytes: 256 * 1024 };

export interface FailoverWindowState {
  backend: string;
  trigger: string;
  bar: string;
  used_pct: number;
  resets_at: string;
  /** The reset the back end named when it was past what the bar's period allows (resets_at is then that bound). */
  clamped_from?: string;
}

/** What the running proxy's chain looks like, rewritten at its start and at every move and return. */
export interface FailoverState {
  updated_at: string;
  chain: string[];
  /** The back end taking requests now. */
  active: string;
  moves: number;
  returns: number;
  spent: FailoverWindowState[];
  /** The last move or return: `from` and `to`, and the window that was spent (move) or reset (return). */
  last: ({ kind: 'move' | 'return'; from: string; to: string; at: string } & Omit<FailoverWindowState, 'backend'>) | null;
}

export function writeFailoverState(dataDir: string, state: FailoverState): void {
  writeJsonAtomically(join(dataDir, FAILOVER_STATE_FILE), state);
}

/**
 * The state, or null when there is none or it is not one (checked by hand: the status line reads it on every prompt
 * and loads no zod, ADR 0023). Never throws, never blocks: a FIFO, a device or a huge file in its place is not read
 * (it hung every prompt), and `onUnreadable` is told one line naming the file and what it is.
 */
export function readFailoverState(dataDir: string, onUnreadable?: (line: string) => void): FailoverState | null {
  let value: unknown;
  try {
    const text = readBoundedFile(join(dataDir, FAILOVER_STATE_FILE), FAILOVER_STATE_BOUND);
    if (text === null) return null;
    value = JSON.parse(text);
  } catch (error) {
    if (isAppError(error)) onUnreadable?.(error.toLine());
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const state = value as Partial<FailoverState>;
  const ok =
    Array.isArray(state.chain) &&
    typeof state.active === 'string' &&
    typeof state.moves === 'number' &&
    typeof state.returns === 'number' &&
    Array.isArray(state.spent) &&
    state.spent.every(isWindow) &&
    (state.last === null || (isWindow({ backend: '', ...state.last }) && typeof state.last?.to === 'string'));
  return ok ? (state as FailoverState) : null;
}

function isWindow(value: unknown): boolean {
  const window = value as Partial<FailoverWindowState> | null;
  return (
    typeof window === 'object' &&
    window !== null &&
    typeof window.backend === 'string' &&
    typeof window.bar === 'string' &&
    typeof window.used_pct === 'number' &&
    typeof window.resets_at === 'string' &&
    !Number.isNaN(Date.parse(window.resets_at))
  );
}
