// Helpers the @e2e step files share: the client name of a step's word, the proxy's URL, token counts as text.
import type { ClientName, Counts } from './e2e-clients.js';
import { labOf } from './proxy-lab.js';
import type { TrackerWorld } from './world.js';

export type Row = Record<string, unknown>;

export function asClient(word: string): ClientName {
  if (word !== 'claude' && word !== 'codex') throw new Error(`unknown real client ${word} (expected claude or codex)`);
  return word;
}

export function proxyUrl(world: TrackerWorld): string {
  const url = labOf(world).proxyUrl;
  if (!url) throw new Error('the proxy is not running');
  return url;
}

export const fmt = (c: Counts): string => `in ${c.input}, out ${c.output}, cache read ${c.cache_read}, cache write ${c.cache_creation}`;
