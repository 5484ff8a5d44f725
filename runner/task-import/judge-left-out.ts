// Names a fixture file left out (a secret, a credential file) that the tests then failed to import: the task's fault, not the machine's; pure.
import { matchModulePath, type RepoFiles } from '../task-bank/find-own-module.js';
import type { AssembledTask } from './assemble-task.js';
import type { StagedEnvironment } from './verify-imported-task.js';

/** The path a left-out entry names: `secret in <path>:<line> (<kind>)` or `<path>: <why>`. */
export function readLeftOutPath(entry: string): string {
  const secret = /^secret in (.+):\d+ \([^)]*\)$/.exec(entry);
  return secret ? (secret[1] as string) : entry.slice(0, entry.lastIndexOf(': ') < 0 ? entry.length : entry.lastIndexOf(': '));
}

/**
 * The rejection for a candidate whose tests could not import a module because the fixture left its file out, with that
 * file; null when the missing module is not one of them. A node module is resolved as the repository's toolchain does,
 * among the task's files and the left-out ones (this project's `./secret-rules.js` is kernel/secret-rules.ts, left
 * out for a secret the scan read in its comments); a python module is looked for among the left-out files alone. Such a
 * rejection never stops the import: the next commit may not need it.
 */
export function explainLeftOutImport(
  environment: StagedEnvironment | undefined,
  task: Pick<AssembledTask, 'fixture' | 'tests' | 'solution' | 'leftOut'>,
): LeftOutImport | null {
  const module = environment?.module;
  if (module === undefined || task.leftOut.length === 0) return null;
  const leftOut = new Map(task.leftOut.map((entry) => [readLeftOutPath(entry), entry]));
  const present = [task.tests, task.solution, task.fixture];
  const files: RepoFiles =
    module.language === 'python'
      ? { paths: new Set(leftOut.keys()), read: () => undefined }
      : {
          paths: new Set([...present.flatMap((map) => [...map.keys()]), ...leftOut.keys()]),
          read: (path) =>
            present
              .find((map) => map.has(path))
              ?.get(path)
              ?.toString('utf8'),
        };
  const path = matchModulePath(module, files);
  if (path === undefined) return null;
  const entry = leftOut.get(path) ?? [...leftOut].find(([candidate]) => candidate.startsWith(`${path}/`))?.[1];
  if (entry === undefined) return null;
  const finding = /^secret in (.+:\d+) \(/.exec(entry)?.[1];
  return {
    reason: `left-out module: the tests import ${path}, which the fixture left out (${entry})`,
    path,
    cause: `the tests import ${path}, which the fixture left out (${entry})`,
    fix:
      finding === undefined
        ? 'nothing to install: a fixture cannot hold that file, so the candidate cannot be a task'
        : `nothing to install: read ${finding}; if it is no secret, --allow-secret ${finding} keeps the file in the fixture`,
  };
}

/** A candidate set aside for a module its fixture left out: the rejection, the file, and the cause and fix for its log. */
export interface LeftOutImport {
  reason: string;
  path: string;
  cause: string;
  fix: string;
}
