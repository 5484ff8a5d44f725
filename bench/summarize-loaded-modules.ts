// What a command loaded, by origin: the files a process read (bench/record-loaded-modules.ts), with each bundle chunk
// split by the `// path` lines esbuild writes before every module it inlines, and the bytes summed per package
// (zod, luxon, commander, ...) or per folder of ours (ledger, sources, ...).
import { readFileSync, statSync } from 'node:fs';

export interface LoadedModules {
  files: number;
  kilobytes: number;
  /** Origins by bytes, largest first: [name, kilobytes]. */
  origins: Array<[string, number]>;
}

/** The package (`zod`, `@scope/name`) or our top folder (`ledger`) a source path of esbuild's comments names. */
function nameOrigin(path: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inPackage) return inPackage[1] ?? path;
  if (path.startsWith('node:')) return 'node';
  const parts = path.replace(/^(?:\.\.\/)*(?:\.dist-next\/|dist\/)?/, '').split('/');
  return parts.length > 1 ? (parts[0] ?? path) : '(entry)';
}

/** Adds one file's bytes to `totals`, split by the modules a bundle chunk inlined. */
function addFile(path: string, totals: Map<string, number>): void {
  const text = readFileSync(path, 'utf8');
  let origin = nameOrigin(path.replace(/.*\/dist\//, ''));
  if (!path.includes('/dist/')) origin = nameOrigin(path);
  for (const line of text.split('\n')) {
    const marker = /^\/\/ ((?:\.\.\/|\.dist-next\/|dist\/|node_modules\/)\S+\.[cm]?js)$/.exec(line);
    if (marker) origin = nameOrigin(marker[1] ?? '');
    totals.set(origin, (totals.get(origin) ?? 0) + Buffer.byteLength(line) + 1);
  }
}

/** Sums the listed files (one path a line, repeats ignored) by origin. */
export function summarizeLoadedModules(listFile: string): LoadedModules {
  const paths = [...new Set(readFileSync(listFile, 'utf8').split('\n').filter(Boolean))];
  const totals = new Map<string, number>();
  let bytes = 0;
  for (const path of paths) {
    bytes += statSync(path).size;
    if (/\.[cm]?js$/.test(path)) addFile(path, totals);
    else totals.set('(native)', (totals.get('(native)') ?? 0) + statSync(path).size);
  }
  const origins = [...totals].map(([name, size]): [string, number] => [name, size / 1024]).sort((a, b) => b[1] - a[1]);
  return { files: paths.length, kilobytes: bytes / 1024, origins };
}

/** "31 files, 1,100 kB: zod 236, luxon 235, ..." with the `top` largest origins. */
export function formatLoadedModules(loaded: LoadedModules, top = 8): string {
  const list = loaded.origins
    .slice(0, top)
    .map(([name, kb]) => `${name} ${Math.round(kb)}`)
    .join(', ');
  return `${loaded.files} files, ${Math.round(loaded.kilobytes)} kB (${list}${loaded.origins.length > top ? ', ...' : ''})`;
}
