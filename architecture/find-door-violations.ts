// Doors and what a pure module really loads: the two rules that look past a module's own imports.
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { CLOCK_READS, PURE_GLOBS } from './floors.js';
import type { ModuleInfo } from './read-import-graph.js';
import { folderOf, stripComments } from './find-violations.js';
import { readLoadedImports } from './read-loaded-imports.js';

/**
 * `from -> to` for every import into another top-level folder that does not go through that folder's `index.ts` or
 * one of its named sub-faces (`ledger/schemas/index.ts`: a face of its own, listed in floors.ts).
 */
export function findDoorViolations(modules: ModuleInfo[], subFaces: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const module of modules) {
    const from = folderOf(module.path);
    for (const target of module.local) {
      const to = folderOf(target);
      if (from === to || target === `${to}/index.ts` || subFaces.has(target)) continue;
      found.push(`${module.path} -> ${target}`);
    }
  }
  return found;
}

/** Packages and Node modules a pure module may not load, even through another module: I/O, processes, native code. */
const UNLOADABLE = [
  /^fs-ext$/,
  /\.node$/,
  /^(?:node:)?(?:net|http|https|http2|dgram|dns|child_process|worker_threads|cluster)$/,
  /^(?:undici|execa|pg|synckit)$/,
];
/** Calls that change the file system: a module that makes them is not one a pure module may run. */
const FS_WRITES = /\b(?:writeFileSync|appendFileSync|mkdirSync|rmSync|renameSync|unlinkSync|createWriteStream|openSync)\s*\(/;

/**
 * For every pure module (reports/, the parsers), what the modules it loads at run time (type-only imports left out,
 * since tsc erases them) would do that a pure module may not: load a native addon, the network or processes, write
 * files, or read the clock. Once `reports/index.js` could not load without flock's native addon, because
 * `reports/gates/compute-gate-fields` imported `ledger/index`, and the per-module check saw only direct imports.
 */
export function findLoadedImpurities(modules: ModuleInfo[]): string[] {
  const byPath = new Map(modules.map((module) => [module.path, module]));
  const isPure = picomatch(PURE_GLOBS);
  const found = new Set<string>();
  const readFacts = rememberModuleFacts();
  for (const entry of modules.filter((module) => isPure(module.path))) {
    const seen = new Set<string>();
    const stack: Array<{ path: string; via: string }> = [{ path: entry.path, via: entry.path }];
    while (stack.length > 0) {
      const { path, via } = stack.pop() as { path: string; via: string };
      const module = byPath.get(path);
      if (seen.has(path) || !module) continue;
      seen.add(path);
      const facts = readFacts(module);
      for (const specifier of facts.loaded) {
        if (specifier.startsWith('.')) stack.push({ path: posix.join(posix.dirname(path), specifier.replace(/\.js$/, '.ts')), via: path });
        else if (UNLOADABLE.some((pattern) => pattern.test(specifier)))
          found.add(`${entry.path} loads ${specifier} (through ${path}, from ${via})`);
      }
      if (facts.writes) found.add(`${entry.path} loads ${path}, which writes files`);
      if (facts.readsClock) found.add(`${entry.path} loads ${path}, which reads the clock`);
    }
  }
  return [...found].sort();
}

interface ModuleFacts {
  loaded: string[];
  writes: boolean;
  readsClock: boolean;
}

/**
 * What one module loads, writes and reads, parsed once per module: the pure entries reach mostly the same modules,
 * and parsing each again for every entry (TypeScript's parser) was nearly all of the architecture test's time.
 */
function rememberModuleFacts(): (module: ModuleInfo) => ModuleFacts {
  const known = new Map<string, ModuleFacts>();
  return (module) => {
    let facts = known.get(module.path);
    if (facts === undefined) {
      const text = stripComments(module.text);
      facts = {
        loaded: readLoadedImports(module.path, module.text),
        writes: FS_WRITES.test(text),
        readsClock: CLOCK_READS.some((pattern) => pattern.test(text)),
      };
      known.set(module.path, facts);
    }
    return facts;
  };
}
