// The window id a capacity probe's request is recorded under: its arm's window id and the phase it read, one convention for the runner and the reports.

/** A probe's phases: the before reading, a second one after a wait for a reset, the after reading. */
export type ProbePhase = 'before' | 'before2' | 'after';

const PROBE_ID = /^(.+)\.(before2?|after)$/;

/** `<window>.<phase>`: the probe's requests are kept apart from the arm's, so the arm's cost never holds them. */
export function makeProbeWindowId(windowId: string, phase: ProbePhase): string {
  return `${windowId}.${phase}`;
}

/** The arm's window id and the phase of a probe's window id; null for any other id. */
export function parseProbeWindowId(id: string): { windowId: string; phase: ProbePhase } | null {
  const match = PROBE_ID.exec(id);
  return match ? { windowId: match[1] as string, phase: match[2] as ProbePhase } : null;
}

/** The window itself, or one of its capacity probes: what a plan's report keeps of the proxy's rows. */
export function isWindowOrProbe(ids: ReadonlySet<string>, id: string): boolean {
  return ids.has(id) || ids.has(parseProbeWindowId(id)?.windowId ?? '');
}
