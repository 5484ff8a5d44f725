// Where a root runner's bwrap can mount each tmpfs it hides: a folder closed to the sandbox's uid already hides its tree.
import { dirname, resolve } from 'node:path';
import { isInside } from './build-bwrap-args.js';

/** What the sandbox's uid sees when bwrap starts (after reachThrough, reach-through.ts). */
export interface UidView {
  /** Folders reachThrough covers with an empty tmpfs of the uid's, and the targets it binds back inside them. */
  pairs: ReadonlyArray<{ closed: string; target: string }>;
  /** The uid cannot search this host folder (another owner, no o+x). */
  isClosed: (dir: string) => boolean;
}

/** Where one hide goes: kept at its folder, moved up to the closed folder above it, or left out (out of view already). */
type Placement = { at: string } | null;

/**
 * bwrap, started as the unprivileged uid, looks every mount point up as that uid: a tmpfs below a folder it cannot
 * search (a root-owned 0700 `mktemp -d` under /var/tmp holding an old data dir) stops it with "Can't mkdir parents for
 * ...: Permission denied", and with it every arm of the run. That closed folder already hides all below it from the
 * uid, so the tmpfs moves up onto it (its parent is searchable: it is the first closed folder on the way down). Inside
 * a folder reachThrough covers, only the targets it binds back and the folders on the way to them exist: a hide
 * anywhere else there is out of view already and is left out, as is one inside an earlier tmpfs. Mount order as in build-bwrap-args.ts: hides, the
 * exposures, then the data dirs; a later mount covers an earlier one at or below its own folder.
 */
export function placeHides(
  spec: { hide: readonly string[]; expose: readonly string[]; hideAlways: readonly string[] },
  view: UidView,
): { hide: string[]; hideAlways: string[] } {
  const layers: Layer[] = [
    { at: '/', tmpfs: false },
    { at: '/tmp', tmpfs: true },
  ];
  const place = (dirs: readonly string[]): string[] => {
    const placed: string[] = [];
    for (const dir of dirs.map((d) => resolve(d))) {
      const where = placeOne(dir, layers, view);
      if (where === null || placed.includes(where.at)) continue;
      placed.push(where.at);
      layers.push({ at: where.at, tmpfs: true });
    }
    return placed;
  };
  const hide = place(spec.hide.filter((dir) => !isInside('/tmp', dir)));
  for (const dir of spec.expose) layers.push({ at: resolve(dir), tmpfs: false });
  return { hide, hideAlways: place(spec.hideAlways) };
}

interface Layer {
  at: string;
  /** bwrap's own tmpfs (it makes what folders it needs there), or a real folder seen with its host modes. */
  tmpfs: boolean;
}

function placeOne(dir: string, layers: readonly Layer[], view: UidView): Placement {
  const folders = listFoldersAbove(dir);
  let layer = 0;
  for (const folder of folders) {
    layer = findTopLayer(folder, layers, layer);
    const top = layers[layer] as Layer;
    if (top.tmpfs) continue;
    const seen = judgeFolder(folder, top.at === '/', view);
    if (seen === 'gone') return null;
    if (seen === 'closed') return { at: folder };
  }
  const top = layers[findTopLayer(dir, layers, layer)] as Layer;
  if (top.tmpfs) return null; // an empty tmpfs of bwrap's holds it already
  if (top.at === '/' && judgeFolder(dir, true, view) === 'gone') return null;
  return { at: dir };
}

/** The layer a path resolves through: the latest mount at exactly this folder that came after the current one. */
function findTopLayer(folder: string, layers: readonly Layer[], current: number): number {
  let top = current;
  for (let i = current + 1; i < layers.length; i += 1) if ((layers[i] as Layer).at === folder) top = i;
  return top;
}

/**
 * A host folder seen through the root bind: under a covered folder it exists only on the way to a target or inside one
 * (then its host mode counts); elsewhere its host mode counts. Inside an exposure its host mode counts.
 */
function judgeFolder(folder: string, throughRoot: boolean, view: UidView): 'open' | 'closed' | 'gone' {
  const covered = throughRoot ? view.pairs.filter((pair) => isInside(pair.closed, folder)) : [];
  if (covered.length > 0) {
    if (covered.some((pair) => isInside(folder, pair.target) && folder !== pair.target)) return 'open';
    if (!covered.some((pair) => isInside(pair.target, folder))) return 'gone';
  }
  return view.isClosed(folder) ? 'closed' : 'open';
}

/** `/a/b/c` -> `/`, `/a`, `/a/b`: the folders bwrap searches to reach `c`. */
function listFoldersAbove(dir: string): string[] {
  const folders: string[] = [];
  for (let at = dirname(dir); ; at = dirname(at)) {
    folders.unshift(at);
    if (at === dirname(at)) return folders;
  }
}
