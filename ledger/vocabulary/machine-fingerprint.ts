// Which machine a reading was taken on, as a stable name that reveals nothing of the machine's own name.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

/** `host-` and 10 hex digits: what reading rows carry in `machine` (reports align two machines' clocks by it). */
export const MACHINE_PATTERN = /^host-[0-9a-f]{10}$/;

let cached: string | undefined;

/**
 * SHA-256 of a fixed label and the host name, cut to 40 bits: every writer on one machine (status line, watch,
 * quota, proxy) names it alike, from one day to the next, and the name gives back nothing of the host's. Its stamps
 * are that machine's clock, which may run minutes off another's (a laptop and a desktop 90 s apart, say).
 */
export function readMachineId(): string {
  cached ??= `host-${createHash('sha256').update(`agent-tracker machine\u0000${hostname()}`, 'utf8').digest('hex').slice(0, 10)}`;
  return cached;
}
