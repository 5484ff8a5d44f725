// One candidate of a synthesis: the mutation applied, screened against its tests, verified, written as a task or rejected.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AssembledTask, assembleTask } from '../task-import/assemble-task.js';
import { detectFor } from '../task-import/read-candidate.js';
import { findSecrets } from '../task-import/scan-secrets.js';
import { verifyImportedTask } from '../task-import/verify-imported-task.js';
import { moveIntoBank, writeTaskFolder } from '../task-import/write-task-folder.js';
import { describeTaskFolder } from '../task-bank/load-task-bank.js';
import { buildSynthesizedId, buildSynthesizedMeta } from './build-synthesized-meta.js';
import type { TestGroup } from './group-test-files.js';
import { applyMutation, describeSite, type Mutation, readMutatedLines } from './mutation.js';
import { readFailureMessages } from './read-failure-messages.js';
import { findBrokenTests, screenMutant } from './screen-mutant.js';
import type { SynthesizeRequest, SynthesizeSummary } from './synthesize-summary.js';
import { writeBugReport } from './write-bug-report.js';

const MAX_FILE_BYTES = 256 * 1024;

export interface SynthesisContext {
  request: SynthesizeRequest;
  commit: string;
  repoName: string;
  original: ReadonlyMap<string, Buffer>;
  /** The original tree assembled once per group: fixture (secrets and never-copied files left out), hidden tests. */
  assembled: Map<string, AssembledTask | string>;
  baselines: Map<string, Awaited<ReturnType<typeof screenMutant>>>;
  /** The spec of every task in the bank (this run's and an earlier one's), to the task's id. */
  specs: Map<string, string>;
  staging: string;
  options: SynthesizeRequest['verify'] & { setupCacheDir: string };
}

export type Outcome = { kept: SynthesizeSummary['kept'][number] } | { reason: string };

function assembleGroup(context: SynthesisContext, group: TestGroup): AssembledTask | string {
  const cached = context.assembled.get(group.key);
  if (cached !== undefined) return cached;
  const tree = [...context.original].map(([path, bytes]) => ({ path, mode: '100644', type: 'blob', bytes }));
  const result = assembleTask({
    parentTree: tree,
    commitTree: new Map(tree.map((file) => [file.path, file])),
    testPaths: group.hidden,
    solutionPaths: [],
    spec: '',
    maxFileBytes: MAX_FILE_BYTES,
    allowSecrets: context.request.allowSecrets,
  });
  // Every mutation its tests catch meets the same finding: said once, with how to let a fixture through.
  const assembled = result.ok
    ? result.task
    : result.reason.startsWith('secret in ')
      ? `${result.reason}; the other mutations these tests catch are skipped (if it is a test fixture: --allow-secret ${/^secret in (\S+:\d+)/.exec(result.reason)?.[1] ?? 'PATH:LINE'})`
      : result.reason;
  context.assembled.set(group.key, assembled);
  return assembled;
}

export async function tryMutation(context: SynthesisContext, mutation: Mutation, group: TestGroup): Promise<Outcome> {
  const { request } = context;
  const base = assembleGroup(context, group);
  if (typeof base === 'string') return { reason: base };
  const original = context.original.get(mutation.path) as Buffer;
  if (!base.fixture.has(mutation.path)) return { reason: `${mutation.path} is left out of the fixture` };
  const mutated = applyMutation(original, mutation);
  const treeView = new Map([...context.original].map(([path, bytes]) => [path, { path, mode: '100644', type: 'blob', bytes }]));
  const detected = detectFor(treeView, group.tests, request);
  if (!detected) return { reason: 'no test command found for the tests (give --test-command)' };
  const id = buildSynthesizedId(context.commit, mutation);
  const hidden = [
    ...readMutatedLines(original, mutation),
    ...readMutatedLines(mutated, { start: mutation.start, end: mutation.start + Buffer.byteLength(mutation.replacement) }),
  ];
  const lines = readMutatedLines(original, mutation).length;
  const meta = buildSynthesizedMeta({ id, title: id, repoName: context.repoName, commit: context.commit, mutation, detected, lines });
  const staged = join(context.staging, id);
  const fixture = new Map(base.fixture).set(mutation.path, mutated);
  writeTaskFolder(staged, meta, '', { ...base, fixture, solution: new Map([[mutation.path, original]]) });
  const task = describeTaskFolder(staged, meta);
  try {
    let baseline = context.baselines.get(group.key);
    if (baseline === undefined) {
      baseline = await screenMutant(task, 'solution', context.options);
      context.baselines.set(group.key, baseline);
    }
    if (!baseline.ok) return { reason: `environment: ${baseline.environment.cause}` };
    const screened = await screenMutant(task, 'fixture', context.options);
    if (!screened.ok) return { reason: `the mutation stops the tests from running: ${screened.environment.cause}` };
    if (findBrokenTests(baseline.verdicts, screened.verdicts).length === 0)
      return { reason: 'survived: every test that passes on the original passes on the mutation' };
    const verified = await verifyImportedTask(staged, meta, context.options);
    if (!verified.ok) return { reason: verified.reason };
    const report = writeBugReport({
      path: mutation.path,
      failing: verified.lists.fail_to_pass,
      passing: verified.lists.pass_to_pass.length,
      messages: readFailureMessages(meta.test?.report ?? 'node-tap', screened.run.outputTail),
      excluded: (verified.lists.excluded_tests ?? []).map((test) => test.name),
      hidden,
    });
    // The report quotes the tests' own failures: a URL in them is judged as in a test file.
    const secret = findSecrets(report.spec, { testFile: true })[0];
    if (secret) return { reason: `secret in the bug report, line ${secret.line} (${secret.kind})` };
    // Two bugs the same tests report in the same words would count one report twice in a bank.
    const twin = context.specs.get(report.spec);
    if (twin !== undefined) return { reason: `same bug report as ${twin}: the tests tell the two bugs apart by nothing` };
    const scored = { ...meta, title: report.title, ...verified.lists, test: { ...meta.test, expected_total: verified.solutionTotal } };
    writeFileSync(join(staged, 'spec.md'), report.spec);
    writeFileSync(join(staged, 'task.json'), `${JSON.stringify(scored, null, 2)}\n`);
    moveIntoBank(staged, request.out, id);
    context.specs.set(report.spec, id);
    return {
      kept: {
        id,
        kind: mutation.kind,
        site: describeSite(mutation),
        scope: mutation.scope,
        failToPass: verified.lists.fail_to_pass.length,
        passToPass: verified.lists.pass_to_pass.length,
        difficulty: meta.difficulty ?? 'easy',
        lines,
      },
    };
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}
