// Reads a task's hidden test files and their versions in the fixture, to tell old tests (unchanged, renamed) from new work.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyTestOrigins, type TestOrigins } from './classify-test-origins.js';
import type { BankTask } from './load-task-bank.js';
import { readBodyLanguage } from './read-test-bodies.js';

/** Test files larger than this are not read for bodies (generated data, not tests an agent reads). */
const MAX_TEXT_BYTES = 1_000_000;

/**
 * For a task that overlays the repository: each hidden test file (tests/) after the change, and the same path in the
 * fixture before it (a Rust unit-test module `src/lib.rs.cfg-test` is matched with the fixture's `src/lib.rs`).
 * Links are not followed. Other tasks (the built-in bank's separate tests): no origins, every test is new.
 */
export function readTestOrigins(task: BankTask): TestOrigins | undefined {
  if (task.meta.test?.layout !== 'overlay') return undefined;
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  for (const path of listFiles(task.tests)) {
    if (readBodyLanguage(path) === undefined) continue;
    const now = readText(join(task.tests, path));
    if (now !== undefined) after.set(path, now);
    const then = readText(join(task.fixture, path.replace(/\.cfg-test$/, '')));
    if (then !== undefined) before.set(path, then);
  }
  return classifyTestOrigins({ before, after });
}

function listFiles(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) => lstatSync(join(root, path)).isFile());
  } catch {
    return [];
  }
}

function readText(path: string): string | undefined {
  try {
    const stat = lstatSync(path);
    return stat.isFile() && stat.size <= MAX_TEXT_BYTES ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
