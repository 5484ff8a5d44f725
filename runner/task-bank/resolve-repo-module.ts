// Resolves a node module specifier over a repository's files as its TypeScript toolchain would: `./x.js` is x.ts, a folder its index, tsconfig `paths`.
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type * as TS from 'typescript';

/** A repository's files by path relative to its root, and a reader for the few it consults (tsconfig.json, package.json). */
export interface RepoFiles {
  paths: ReadonlySet<string>;
  read: (path: string) => string | undefined;
}

/** Where the files seem to lie for TypeScript's resolver: any absolute root works, none is touched. */
const ROOT = '/repo';

let typescript: typeof TS | undefined;

/** Loaded on first use: typescript is 9 MB of JavaScript, needed only when a test run could not load a module. */
function loadTypeScript(): typeof TS {
  typescript ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return typescript;
}

function toRepoPath(file: string): string {
  return file === ROOT ? '' : file.startsWith(`${ROOT}/`) ? file.slice(ROOT.length + 1) : file;
}

function listFolders(paths: ReadonlySet<string>): Set<string> {
  const folders = new Set<string>(['']);
  for (const path of paths) for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) folders.add(path.slice(0, at));
  return folders;
}

/**
 * What TypeScript resolves against: the files, each folder they lie in, and the compiler options of the tsconfig.json
 * nearest the importer (its `paths` and `baseUrl`, through `extends` inside the repository). The resolution itself is
 * `Bundler`'s, the most lenient of TypeScript's, as vitest, vite and tsx are: `.js` names `.ts` or `.tsx` (`.mjs`
 * `.mts`, `.cjs` `.cts`), an extensionless path or a folder its index, and JavaScript and JSON files count too.
 */
function makeResolver(files: RepoFiles): Resolver {
  const ts = loadTypeScript();
  const folders = listFolders(files.paths);
  const host: TS.ModuleResolutionHost & TS.ParseConfigHost = {
    fileExists: (file) => files.paths.has(toRepoPath(file)),
    readFile: (file) => files.read(toRepoPath(file)),
    directoryExists: (dir) => folders.has(toRepoPath(dir)),
    getCurrentDirectory: () => ROOT,
    realpath: (path) => path,
    useCaseSensitiveFileNames: true,
    readDirectory: () => [],
  };
  const optionsByConfig = new Map<string, TS.CompilerOptions>();
  const readOptions = (importer: string): TS.CompilerOptions => {
    const config = findNearestConfig(importer, files.paths);
    if (config === undefined) return {};
    const known = optionsByConfig.get(config);
    if (known) return known;
    const read = ts.readConfigFile(`${ROOT}/${config}`, host.readFile);
    const options =
      read.config === undefined
        ? {}
        : ts.parseJsonConfigFileContent(read.config, host, posix.dirname(`${ROOT}/${config}`), undefined, `${ROOT}/${config}`).options;
    optionsByConfig.set(config, options);
    return options;
  };
  const resolve = (specifier: string, importer: string): TS.ResolvedModuleFull | undefined => {
    const options: TS.CompilerOptions = {
      ...readOptions(importer),
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowJs: true,
      resolveJsonModule: true,
      allowImportingTsExtensions: true,
      noEmit: true,
    };
    return ts.resolveModuleName(specifier, `${ROOT}/${importer}`, options, host).resolvedModule;
  };
  return { resolve, readOptions };
}

interface Resolver {
  resolve: (specifier: string, importer: string) => TS.ResolvedModuleFull | undefined;
  readOptions: (importer: string) => TS.CompilerOptions;
}

function findNearestConfig(importer: string, paths: ReadonlySet<string>): string | undefined {
  for (let dir = posix.dirname(importer); ; dir = posix.dirname(dir)) {
    const config = dir === '.' ? 'tsconfig.json' : `${dir}/tsconfig.json`;
    if (paths.has(config)) return config;
    if (dir === '.' || dir === '/') return undefined;
  }
}

/**
 * The file of the repository `specifier` names when `importer` (a path in the repository) imports it, or undefined
 * when no file provides it, it names a package (node_modules), or only a declaration file (`.d.ts`) types it. Without
 * an importer, a relative specifier is tried from every folder, shallowest first: the first file found.
 */
export function resolveRepoModule(specifier: string, importer: string | undefined, files: RepoFiles): string | undefined {
  const { resolve } = makeResolver(files);
  const from =
    importer !== undefined
      ? [importer]
      : specifier.startsWith('.')
        ? [...listFolders(files.paths)]
            .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))
            .map((dir) => posix.join(dir, 'index.ts'))
        : ['index.ts'];
  for (const file of from) {
    const found = resolve(specifier, file);
    if (found !== undefined && found.isExternalLibraryImport !== true && !/\.d\.[cm]?ts$/.test(found.resolvedFileName))
      return toRepoPath(found.resolvedFileName);
  }
  return undefined;
}

/** Whether a bare specifier falls under a `paths` pattern (`@app/*`) of the tsconfig nearest `importer`: the repository's own. */
export function matchesTsconfigPaths(specifier: string, importer: string | undefined, files: RepoFiles): boolean {
  const paths = makeResolver(files).readOptions(importer ?? 'index.ts').paths ?? {};
  return Object.keys(paths).some((pattern) => {
    const star = pattern.indexOf('*');
    if (star < 0) return specifier === pattern;
    const [head, tail] = [pattern.slice(0, star), pattern.slice(star + 1)];
    return specifier.length >= head.length + tail.length && specifier.startsWith(head) && specifier.endsWith(tail);
  });
}

/**
 * The path of the repository an absolute (or work-folder-relative) path printed by the tests names: its longest tail
 * that `holds` accepts (`/tmp/arm-x/work/src/a.ts` is `src/a.ts` when that is a file), or undefined.
 */
export function locateRepoPath(printed: string, holds: (path: string) => boolean): string | undefined {
  const parts = printed.split('/').filter((part) => part !== '' && part !== '.');
  for (let start = 0; start < parts.length; start += 1) {
    const tail = parts.slice(start).join('/');
    if (holds(tail)) return tail;
  }
  return undefined;
}
