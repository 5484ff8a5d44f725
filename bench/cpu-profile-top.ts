// Reads a V8 .cpuprofile (node --cpu-prof) and lists the functions with the most self time.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

/** The `top` entries by self time; `(idle)` is left out of the shares, since it is time the process was waiting. */
export function readTopSelfTime(file: string, top = 10): { entries: SelfTime[]; busyMs: number; idleMs: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, SelfTime>();
  let idleMs = 0;
  let busyMs = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    busyMs += ms;
    const where = describeLocation(node.callFrame.url, node.callFrame.lineNumber);
    const key = `${node.callFrame.functionName}@${where}`;
    const entry = totals.get(key) ?? { name: node.callFrame.functionName || '(anonymous)', where, ms: 0, share: 0 };
    entry.ms += ms;
    totals.set(key, entry);
  });
  const entries = [...totals.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
  for (const entry of entries) entry.share = busyMs > 0 ? entry.ms / busyMs : 0;
  return { entries, busyMs, idleMs };
}

function describeLocation(url: string, line: number): string {
  if (url === '') return '';
  const path = url.startsWith('file://') ? relative(process.cwd(), fileURLToPath(url)) : url;
  return `${path}:${line + 1}`;
}
