// Groups rejection reasons into kinds for the import summary ("deletes files: 3"), the details kept per candidate.

const KINDS: Array<[RegExp, string]> = [
  [/^no tests changed/, 'no tests changed'],
  [/^dependency bump: /, 'dependency bump'],
  [/^only tests/, 'only tests changed'],
  [/^deletes /, 'deletes files'],
  [/^renames /, 'renames files'],
  [/^changes the type/, 'changes a file type'],
  [/^changes a submodule/, 'submodule'],
  [/^changes a symlink/, 'symlink'],
  [/^binary file/, 'binary file'],
  [/^large file/, 'large file'],
  [/which is never copied/, 'changes a never-copied file'],
  [/^too big/, 'too big'],
  [/^near-duplicate/, 'near-duplicate'],
  [/^secret in/, 'secret found'],
  [/^tests pass before the change/, 'tests pass before the change'],
  [/^tests fail on the solution/, 'tests fail on the solution'],
  [/^test command failed to start/, 'test command failed to start'],
  [/^no test results on the solution/, 'no test results on the solution'],
  [/^set-up failed/, 'set-up failed'],
  [/^flaky: /, 'flaky tests'],
  [/^the solution does not build: /, 'the solution does not build'],
  [/^the tests do not load at this commit: /, 'the tests do not load at this commit'],
  [/^left-out module: /, 'a module the fixture left out'],
  [/^thin-spec: /, 'thin spec'],
  [/^internal-api: /, 'tests call internal names'],
  [/^no test fails on the fixture and passes/, 'no test fails before and passes after'],
  [/^the test output on the solution names no tests/, 'no test names in the output'],
  [/^root commit/, 'root commit'],
  [/^mixed merge: /, 'mixed merge'],
  [/^already in the bank/, 'already in the bank'],
  [/^no test command found/, 'no test command found'],
  [/^tests only in nested Go modules set aside/, 'tests only in a nested Go module set aside'],
];

/** The kind a reason belongs to; a reason of no known kind is its own kind. */
export function classifyReason(reason: string): string {
  return KINDS.find(([pattern]) => pattern.test(reason))?.[1] ?? reason;
}

/** Kinds with their counts, most frequent first (ties by name). */
export function countReasons(reasons: readonly string[]): Array<{ kind: string; count: number }> {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(classifyReason(reason), (counts.get(classifyReason(reason)) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}
