// The repository paths an accepted ADR names in backticks, and those that name nothing in the repository today.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';

/** A path an ADR names that is not in the repository: the ADR's file name and the path as written. */
export interface StalePath {
  adr: string;
  path: string;
}

/**
 * A backticked word is a path when it starts with one of the repository's top-level folders or files. A path that is
 * no longer there is written plain after "the former" (history), so a backticked one is a claim about today.
 * `name:12-30` points at lines, which the file must still have; `{a,b}` names each of its alternatives; `*` must
 * match at least one file.
 */
export function findStaleAdrPaths(root: string, folder = 'docs/decisions'): StalePath[] {
  const topLevel = new Set(readdirSync(root).filter((name) => !name.startsWith('.') && name !== 'node_modules'));
  return readdirSync(join(root, folder))
    .filter((name) => name.endsWith('.md') && !isSuperseded(readFileSync(join(root, folder, name), 'utf8')))
    .flatMap((adr) =>
      listNamedPaths(readFileSync(join(root, folder, adr), 'utf8'), topLevel)
        .filter((path) => !expandBraces(path).every((one) => namesSomething(root, one)))
        .map((path) => ({ adr, path })),
    );
}

/** An ADR whose status line says it is superseded describes a design that is gone, and keeps its paths as history. */
function isSuperseded(text: string): boolean {
  return /^Status: *\**superseded/im.test(text);
}

function listNamedPaths(text: string, topLevel: Set<string>): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((match) => match[1] ?? '')
    .filter((word) => topLevel.has(word.split('/')[0] ?? '') && (word.includes('/') || /\.\w+(?::[\d-]+)?$/.test(word)));
}

function expandBraces(path: string): string[] {
  const group = /\{([^{}]*)\}/.exec(path);
  if (group === null) return [path];
  return (group[1] ?? '')
    .split(',')
    .flatMap((choice) => expandBraces(path.slice(0, group.index) + choice + path.slice(group.index + group[0].length)));
}

function namesSomething(root: string, named: string): boolean {
  const [path = named, lines] = named.split(':');
  if (lines !== undefined) return existsSync(join(root, path)) && countLines(join(root, path)) >= Number(lines.split('-').at(-1));
  if (!path.includes('*')) return existsSync(join(root, path));
  const { base } = picomatch.scan(path);
  if (!existsSync(join(root, base))) return false;
  const matches = picomatch(path.slice(base.length + 1));
  return readdirSync(join(root, base), { recursive: true, encoding: 'utf8' }).some((name) => matches(name));
}

function countLines(file: string): number {
  return readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').length;
}
