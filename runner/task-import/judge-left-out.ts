// Names a fixture file left out (a secret, a credential file) that the tests then failed to import: the task's fault, not the machine's; pure.
import { matchModulePath } from '../task-bank/find-own-module.js';
import type { StagedEnvironment } from './verify-imported-task.js';

/** The path a left-out entry names: `secret in <path>:<line> (<kind>)` or `<path>: <why>`. */
export function readLeftOutPath(entry: string): string {
  const secret = /^secret in (.+):\d+ \([^)]*\)$/.exec(entry);
  return secret ? (secret[1] as string) : entry.slice(0, entry.lastIndexOf(': ') < 0 ? entry.length : entry.lastIndexOf(': '));
}

/**
 * The rejection for a candidate whose tests could not import a module because the fixture left its file out; null when
 * the missing module is not one of them. Such a rejection never stops the import: the next commit may not need it.
 */
export function explainLeftOutImport(environment: StagedEnvironment | undefined, leftOut: readonly string[]): string | null {
  if (environment === undefined || leftOut.length === 0) return null;
  const paths = leftOut.map(readLeftOutPath);
  const path = matchModulePath(environment.cause, paths);
  if (path === undefined) return null;
  const entry = leftOut[paths.findIndex((candidate) => candidate === path || candidate.startsWith(`${path}/`))] ?? path;
  return `left-out module: the tests import ${path}, which the fixture left out (${entry})`;
}
