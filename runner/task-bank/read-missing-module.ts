// Reads the module a node test run could not load from the tool's own words (node, vitest, vite, tsc), with the file that imported it; pure.
import { posix } from 'node:path';

/** A module the tests could not load, as the tool named it: python's dotted name, or node's specifier. */
export interface MissingModule {
  language: 'python' | 'node';
  name: string;
  /** The file that imported it (node only): absolute in the sandbox, or relative to the work folder, as printed. */
  importer?: string;
}

/**
 * How each tool names a module it could not find, most specific first (each names `name`, and `importer` when it says):
 * tsc's `src/a.ts(1,19): error TS2307: Cannot find module './b.js' ...`; vite's `Failed to resolve import "./b.js" from
 * "src/a.ts". Does the file exist?` and `Failed to load url ./b.js (resolved id: ./b.js) in /w/src/a.ts. Does the file
 * exist?`; node's and vitest's `Cannot find module './b.js' imported from /w/src/a.ts` (node's ESM loader prints the
 * module's absolute path), CommonJS's `Cannot find module './b'` followed by its `Require stack:`. Quotes may come
 * escaped once: vitest's json report holds the message.
 */
export const NODE_MISSING_PATTERNS: readonly RegExp[] = [
  /(?<importer>[^\s()'"\\]+)\(\d+,\d+\): error TS2307: Cannot find module '(?<name>[^']+)'/,
  /Failed to (?:resolve import|load url) \\?"?(?<name>[^"\s\\]+)\\?"?(?: \(resolved id: [^)]*\))? (?:from|in) \\?"?(?<importer>[^"\s\\]+?)\\?"?\.? Does the file exist\?/,
  /Cannot find (?:module|package) '(?<name>[^']+)'(?: imported from ['"]?(?<importer>[^'"\s,\\]+))?/,
];

/** The first file of CommonJS's require stack: the one whose `require` failed. */
const REQUIRE_STACK = /^[^\n]*?Require stack:\s*(?:\\n\s*)?-\s*(?<importer>[^\s'"\\]+)/m;

/** `./b.js`, `../lib`, `/w/src/b.js`, `file:///w/src/b.js`: a file, never a package. */
export function isPathSpecifier(name: string): boolean {
  return /^(?:\.{1,2}(?:\/|$)|\/|file:)/.test(name);
}

function trimPath(path: string): string {
  return path.replace(/^file:\/\//, '').replace(/[.)]+$/, '');
}

/** The module a match of NODE_MISSING_PATTERNS names; an absolute path beside an absolute importer is made relative to it. */
export function readNodeMissing(match: RegExpExecArray): MissingModule {
  const name = trimPath(match.groups?.name as string);
  const said = match.groups?.importer ?? REQUIRE_STACK.exec(match.input.slice(match.index))?.groups?.importer;
  const importer = said === undefined ? undefined : trimPath(said);
  if (importer !== undefined && name.startsWith('/') && importer.startsWith('/')) {
    const relative = posix.relative(posix.dirname(importer), name);
    return { language: 'node', name: relative.startsWith('../') ? relative : `./${relative}`, importer };
  }
  return { language: 'node', name, ...(importer === undefined ? {} : { importer }) };
}

/**
 * The cause of a missing node module, and its fix when it is not to install dependencies: a path is a file of the
 * repository's own, compiled from `.ts` by its test runner when it is TypeScript, never a package.
 */
export function describeNodeMissing(module: MissingModule): { cause: string; fix?: string } {
  if (!isPathSpecifier(module.name)) return { cause: `node module ${module.name} is not installed` };
  return {
    cause: `node module ${module.name} is a file of the repository's own, not a package, and the tests could not load it`,
    fix: "nothing to install: read the candidate's log for why that file was not there (left out of the fixture, not yet written at that commit, or made by a build step the set-up does not run)",
  };
}
