// Walks a repository's history and turns each change with tests and source into a verified task folder, or says why not.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isAppError } from '../../kernel/index.js';
import { assembleTask, makeTreeFile } from './assemble-task.js';
import { describeMissingLockfile } from './check-installable.js';
import { findEnvironmentStop, type ImportRequest, type ImportSummary, type KeptTask } from './import-summary.js';

export {
  ENVIRONMENT_STOP,
  type ImportRequest,
  type ImportSummary,
  type KeptTask,
  type RejectedCandidate,
  type VerifyStaged,
} from './import-summary.js';
import { detectFor, MANIFESTS, readTestConventions, readTexts, readTree } from './read-candidate.js';
import { buildSpec, buildTaskId, buildTaskMeta, type CommitInfo, stripAttribution } from './build-task-meta.js';
import { judgeChange } from './judge-change.js';
import { explainLeftOutImport } from './judge-left-out.js';
import { composeSpec, listFailToPassFunctions, type SpecParts } from './compose-spec.js';
import { readRustTestModules } from './read-rust-test-modules.js';
import { planGoModules } from './split-go-modules.js';
import { findDataReaders } from './find-data-readers.js';
import { RUST_TEST_MODULE_SUFFIX, stripRustTestModule } from '../acceptance/splice-rust-tests.js';
import { findThinSpec } from './judge-spec.js';
import { reduceMerge } from './reduce-merge.js';
import { findNearDuplicate, type ShingledChange, shingleDiff } from './measure-similarity.js';
import { type JobContext, runInOrder } from './run-in-order.js';
import { describeInterface, describeNeededInterface } from './read-interface.js';
import { judgeDependencyBump } from './judge-dependency-bump.js';
import {
  describeRevertBody,
  listCommits,
  type LoggedCommit,
  readChangedFiles,
  readCommitFiles,
  readDiff,
  resolveRepoRoot,
} from './read-git.js';
import type { StagedEnvironment } from './verify-imported-task.js';
import { createStagingDir, moveIntoBank, openOutDir, writeTaskFolder } from './write-task-folder.js';

type Outcome = { kept: KeptTask } | { reason: string; environment?: StagedEnvironment | undefined };

async function importOne(
  request: ImportRequest,
  repo: string,
  listed: LoggedCommit,
  kept: ShingledChange[],
  staging: string,
  context: JobContext,
): Promise<Outcome> {
  const reduced = await reduceMerge(repo, listed);
  if (!reduced.ok) return { reason: reduced.reason };
  const logged = reduced.commit;
  const parent = logged.parents[0];
  if (parent === undefined) return { reason: 'root commit (no parent to start from)' };
  if (existsSync(join(request.out, buildTaskId(logged.subject, logged.hash)))) return { reason: 'already in the bank (left as it is)' };
  const files = await readChangedFiles(repo, parent, logged.hash);
  // First, from git alone: a repository of mostly bumps spent an install and the test runs on each one that touched a test.
  const bump = await judgeDependencyBump(files, (at, paths) => readCommitFiles(repo, at, paths), parent, logged.hash);
  if (bump !== undefined) return { reason: bump };
  const rust = await readRustTestModules(repo, parent, logged.hash, files);
  const conventions = await readTestConventions(
    repo,
    logged.hash,
    files.map((file) => file.path),
  );
  const verdict = judgeChange(files, request.limits, rust, conventions);
  if (!verdict.ok) return { reason: verdict.reason };
  const change = {
    commit: logged.hash,
    files: files.map((file) => file.path),
    shingles: shingleDiff(await readDiff(repo, parent, logged.hash)),
  };
  const duplicate = findNearDuplicate(change, kept);
  if (duplicate) return { reason: `near-duplicate of ${duplicate.commit.slice(0, 7)} (Jaccard ${duplicate.jaccard.toFixed(2)})` };
  const commit: CommitInfo = {
    ...logged,
    body: stripAttribution(await describeRevertBody(repo, logged.body)),
    parent,
    merge: logged === listed ? undefined : listed.hash,
  };
  const tags: string[] = [];
  const thin = findThinSpec(commit.subject, commit.body);
  if (thin !== null && request.allowThinSpecs !== true) return { reason: thin };
  if (thin !== null) tags.push('thin-spec');
  const changedTests = verdict.tests.map((file) => file.path);
  const go = await planGoModules(repo, logged.hash, changedTests, request.setupNetwork === true);
  if (go.tests.length === 0) return { reason: `tests only in nested Go modules set aside: ${go.setAside.join('; ')}` };
  const testPaths = [...go.tests, ...(await findDataReaders(repo, logged.hash, go.tests))];
  const solutionPaths = verdict.solution.map((file) => file.path);
  const commitTree = new Map(
    (await readTree(repo, logged.hash, new Set([...testPaths, ...solutionPaths, ...MANIFESTS]), true)).map((file) => [file.path, file]),
  );
  // Made, not read: a Rust unit-test module (spliced into its source when the tests run) and a Go workspace.
  const made = [...rust.texts].map(([path, text]) => makeTreeFile(`${path}${RUST_TEST_MODULE_SUFFIX}`, text));
  for (const file of [...made, ...(go.workspace ? [go.workspace] : [])]) commitTree.set(file.path, file);
  if (go.workspace) testPaths.push(go.workspace.path);
  const detected = detectFor(commitTree, testPaths, request);
  if (!detected) return { reason: 'no test command found for the changed tests (give --test-command)' };
  const spec = buildSpec(commit, solutionPaths);
  const assembled = assembleTask({
    parentTree: await readTree(repo, parent),
    commitTree,
    testPaths,
    solutionPaths,
    spec,
    maxFileBytes: request.limits.maxFileBytes,
    allowSecrets: request.allowSecrets,
  });
  if (!assembled.ok) return { reason: assembled.reason };
  // A Rust source's own test module declares the test functions: they are not the interface the tests need.
  const code = (texts: Map<string, string>) =>
    new Map([...texts].map(([path, text]) => [path, path.endsWith('.rs') ? stripRustTestModule(text) : text]));
  const api = describeInterface({
    solution: code(readTexts(assembled.task.solution)),
    fixture: code(readTexts(assembled.task.fixture, solutionPaths)),
    tests: readTexts(assembled.task.tests),
  });
  if (api.internal.length > 0 && request.allowInternal !== true) {
    const names = [...new Set(api.internal.map((declaration) => declaration.name))].slice(0, 5).join(', ');
    return {
      reason: `internal-api: the hidden tests call ${names}, which the change declares but does not make public (--allow-internal keeps it)`,
    };
  }
  if (api.internal.length > 0) tags.push('internal-api');
  const needed = describeNeededInterface(api.needed);
  const parts: SpecParts = {
    subject: commit.subject,
    body: commit.body,
    base: needed === '' ? spec : `${spec}\n${needed}`,
    interfaceLines: api.needed.length,
    ...assembled.task,
  };
  // Judged before the tests run (every new or changed test), and again on the fail_to_pass tests once known.
  const composed = composeSpec(parts);
  if (!composed.ok && !(composed.thin === true && request.allowThinSpecs === true)) return { reason: composed.reason };
  if (!composed.ok && !tags.includes('thin-spec')) tags.push('thin-spec');
  const meta = buildTaskMeta({
    commit,
    repoName: basename(repo),
    detected,
    filesChanged: files.length,
    linesChanged: verdict.linesChanged,
    solutionFiles: verdict.sourceFiles,
    solutionLines: verdict.solutionLines,
  });
  meta.tags = [...meta.tags, ...tags];
  const staged = join(staging, meta.id);
  writeTaskFolder(staged, meta, composed.ok ? composed.spec : parts.base, assembled.task);
  const verified = await request.verify(staged, meta, { signal: context.signal });
  if (!verified.ok) {
    const leftOut = explainLeftOutImport(verified.environment, assembled.task);
    if (leftOut === null) return { reason: verified.reason, environment: verified.environment };
    // Its log is kept like any other set aside; the module is the repository's own, so it never stops the import.
    const { reason, path, cause, fix } = leftOut;
    return { reason, environment: verified.environment && { ...verified.environment, cause, fix, ownModule: path } };
  }
  // The tests that define the task (scored by identity), and the count the solution reported: a later run
  // reporting fewer (a file that failed to load) has the rest failed.
  const refined = composeSpec(parts, listFailToPassFunctions(verified.lists.fail_to_pass, meta.language));
  if (!refined.ok && !(refined.thin === true && request.allowThinSpecs === true)) return { reason: refined.reason };
  writeFileSync(join(staged, 'spec.md'), refined.ok ? refined.spec : parts.base);
  const scored = { ...meta, ...verified.lists, ...(meta.test ? { test: { ...meta.test, expected_total: verified.solutionTotal } } : {}) };
  writeFileSync(join(staged, 'task.json'), `${JSON.stringify(scored, null, 2)}\n`);
  // Into the bank in history order, once every newer candidate is decided: a newer kept change wins a near-duplicate.
  if (!(await context.turn())) return { reason: 'not examined: the import stopped' };
  const newer = findNearDuplicate(change, kept);
  if (newer) return { reason: `near-duplicate of ${newer.commit.slice(0, 7)} (Jaccard ${newer.jaccard.toFixed(2)})` };
  moveIntoBank(staged, request.out, meta.id);
  kept.push(change);
  return {
    kept: {
      id: meta.id,
      commit: logged.hash,
      difficulty: meta.difficulty ?? 'medium',
      lines: meta.estimated_lines,
      leftOut: assembled.task.leftOut,
    },
  };
}

/** Imports up to `max` tasks, newest change first; every candidate ends kept or rejected with a reason. */
export async function importTasks(request: ImportRequest): Promise<ImportSummary> {
  const repo = await resolveRepoRoot(request.repo);
  const commits = await listCommits(repo, request.since);
  openOutDir(request.out, repo);
  const staging = createStagingDir(request.out);
  const summary: ImportSummary = { repo, out: request.out, examined: 0, commits: commits.length, kept: [], rejected: [] };
  const shingled: ShingledChange[] = [];
  request.onProgress?.(`${commits.length} commits to examine in ${repo}, writing into ${request.out}`);
  const unpinned = await describeMissingLockfile(repo, request);
  if (unpinned !== null) {
    summary.notes = [unpinned];
    request.onProgress?.(`note: ${unpinned}`);
  }
  try {
    // Candidates are examined side by side (--jobs) and taken in history order: the same lines, kept tasks and stops as
    // one at a time, in the time of the slowest of each group.
    await runInOrder<Outcome>({
      count: commits.length,
      jobs: request.jobs ?? 1,
      start: async (context) => {
        try {
          return await importOne(request, repo, commits[context.index] as LoggedCommit, shingled, staging, context);
        } catch (error) {
          // A job stopped mid-verification (its runs killed, its lists half made) failed for the stop, not for its commit.
          if (context.signal.aborted) return { reason: 'not examined: the import stopped' };
          if (!isAppError(error)) throw error;
          return { reason: error.message };
        }
      },
      signal: request.stop?.signal,
      take: (index, outcome) => {
        // A candidate the time limit cut short is not judged (its runs were killed), unless it got into the bank first.
        if (request.stop?.signal.aborted && !('kept' in outcome)) return false;
        const logged = commits[index] as LoggedCommit;
        summary.examined += 1;
        const head = `candidate ${index + 1} of ${commits.length} ${logged.hash.slice(0, 7)} ${JSON.stringify(logged.subject.slice(0, 60))}`;
        if ('kept' in outcome) summary.kept.push(outcome.kept);
        else
          summary.rejected.push({ commit: logged.hash, subject: logged.subject, reason: outcome.reason, environment: outcome.environment });
        request.onProgress?.('kept' in outcome ? `${head}: kept as ${outcome.kept.id}` : `${head}: rejected, ${outcome.reason}`);
        summary.stopped = findEnvironmentStop(summary.rejected, summary.kept.length);
        return summary.stopped === undefined && summary.kept.length < request.max;
      },
    });
    const cut = summary.examined < commits.length && summary.kept.length < request.max;
    if (summary.stopped === undefined && cut && request.stop?.signal.aborted)
      summary.stopped = { by: 'time-limit', cause: request.stop.cause };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return summary;
}
