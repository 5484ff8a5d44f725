// Reads npm's cache (cacache) layout: its index buckets and where content lives by integrity (cacache 10+, npm 5+).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface IndexEntry {
  key: string;
  integrity: string;
}

/** cacache's index bucket: one `<sha1>\t<json>` line per write; a torn line is skipped, as cacache does. */
export function readIndexBucket(file: string): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    try {
      const entry = JSON.parse(line.slice(tab + 1)) as { key?: unknown; integrity?: unknown };
      if (typeof entry.key === 'string' && typeof entry.integrity === 'string')
        entries.push({ key: entry.key, integrity: entry.integrity });
    } catch {}
  }
  return entries;
}

/** One hash of an SRI string (`sha512-<base64>`): its algorithm and digest, or null for another shape. */
export function parseIntegrity(one: string): { algorithm: string; digest: Buffer } | null {
  const match = /^(sha\d+)-([A-Za-z0-9+/=]+)(?:\?.*)?$/.exec(one);
  return match ? { algorithm: match[1] as string, digest: Buffer.from(match[2] as string, 'base64') } : null;
}

/** cacache's content address: `content-v2/<algorithm>/<hex 2>/<hex 2>/<rest of hex>` of each hash in an SRI string. */
export function contentPaths(integrity: string): string[] {
  return integrity
    .split(/\s+/)
    .map(parseIntegrity)
    .filter((hash): hash is { algorithm: string; digest: Buffer } => hash !== null)
    .map(({ algorithm, digest }) => {
      const hex = digest.toString('hex');
      return join('content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
    });
}

/** Every file below `dir`, as absolute paths. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
