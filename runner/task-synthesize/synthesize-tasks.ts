// Breaks a repository's working code one procedural mutation at a time and keeps each break its tests catch as a verified task.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type AssembledTask, assembleTask } from '../task-import/assemble-task.js';
import { listCommits, resolveRepoRoot } from '../task-import/read-git.js';
import { detectFor } from '../task-import/read-candidate.js';
import { findSecrets } from '../task-import/scan-secrets.js';
import { verifyImportedTask } from '../task-import/verify-imported-task.js';
import { createStagingDir, moveIntoBank, openOutDir, writeTaskFolder } from '../task-import/write-task-folder.js';
import { buildSynthesizedId, buildSynthesizedMeta } from './build-synthesized-meta.js';
import { groupTestFiles, type TestGroup } from './group-test-files.js';
import { applyMutation, describeSite, locateSites, type Mutation, readMutatedLines } from './mutation.js';
import { orderCandidates, SiteLedger } from './pick-candidates.js';
import { readBankSites } from './read-bank-sites.js';
import { readHeadFiles } from './read-head-files.js';
import { readFailureMessages } from './read-failure-messages.js';
import { listSites } from './run-site-lister.js';
import { describeTaskFolder } from '../task-bank/load-task-bank.js';
import { findBrokenTests, screenMutant } from './screen-mutant.js';
import type { SynthesizeRequest, SynthesizeSummary } from './synthesize-summary.js';
import { writeBugReport } from './write-bug-report.js';

export type { RejectedMutation, SynthesizedTask, SynthesizeRequest, SynthesizeSummary } from './synthesize-summary.js';

const TOOL = 'experiment tasks synthesize';
const MAX_FILE_BYTES = 256 * 1024;

interface Context {
  request: SynthesizeRequest;
  commit: string;
  repoName: string;
  original: ReadonlyMap<string, Buffer>;
  /** The original tree assembled once per group: fixture (secrets and never-copied files left out), hidden tests. */
  assembled: Map<string, AssembledTask | string>;
  baselines: Map<string, Awaited<ReturnType<typeof screenMutant>>>;
  staging: string;
  options: SynthesizeRequest['verify'] & { setupCacheDir: string };
}

type Outcome = { kept: SynthesizeSummary['kept'][number] } | { reason: string };

/** Every mutation of every tested source file, each with its line and column, grouped files first. */
async function listMutations(request: SynthesizeRequest, groups: TestGroup[], original: ReadonlyMap<string, Buffer>) {
  const mutations: Mutation[] = [];
  const unreadable: string[] = [];
  const groupOf = new Map(groups.flatMap((group) => group.sources.map((source) => [source, group] as const)));
  for (const language of ['javascript', 'python', 'go'] as const) {
    const files = groups.filter((group) => group.language === language).flatMap((group) => group.sources);
    if (files.length === 0) continue;
    const listed = await listSites(language, files, original, request.verify.isolation);
    for (const [path, why] of listed.unreadable) unreadable.push(`${path}: ${why}`);
    for (const [path, sites] of listed.sites) {
      const wanted = sites.filter((site) => request.kinds === undefined || request.kinds.includes(site.kind));
      mutations.push(...locateSites(path, original.get(path) as Buffer, wanted));
    }
  }
  return { mutations, unreadable, groupOf };
}

function assembleGroup(context: Context, group: TestGroup): AssembledTask | string {
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

async function tryMutation(context: Context, mutation: Mutation, group: TestGroup): Promise<Outcome> {
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
      hidden,
    });
    // The report quotes the tests' own failures: a URL in them is judged as in a test file.
    const secret = findSecrets(report.spec, { testFile: true })[0];
    if (secret) return { reason: `secret in the bug report, line ${secret.line} (${secret.kind})` };
    const scored = { ...meta, title: report.title, ...verified.lists, test: { ...meta.test, expected_total: verified.solutionTotal } };
    writeFileSync(join(staged, 'spec.md'), report.spec);
    writeFileSync(join(staged, 'task.json'), `${JSON.stringify(scored, null, 2)}\n`);
    moveIntoBank(staged, request.out, id);
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

/** Synthesizes up to `count` tasks from the repository's HEAD: candidates in seeded order, each site used at most once. */
export async function synthesizeTasks(request: SynthesizeRequest): Promise<SynthesizeSummary> {
  const repo = await resolveRepoRoot(request.repo);
  const commit = (await listCommits(repo))[0]?.hash as string;
  const original = await readHeadFiles(repo, commit);
  const { groups, untested } = groupTestFiles([...original.keys()], new Map([...original].map(([path, bytes]) => [path, bytes.length])));
  openOutDir(request.out, repo, TOOL);
  const { mutations, unreadable, groupOf } = await listMutations(request, groups, original);
  const ordered = orderCandidates(mutations, request.seed);
  const covered = new Set(groups.flatMap((group) => group.sources));
  const summary: SynthesizeSummary = {
    repo,
    commit,
    out: request.out,
    seed: request.seed,
    files: covered.size,
    candidates: ordered.length,
    examined: 0,
    kept: [],
    rejected: [],
    untested,
    unreadable,
    environment: [],
  };
  request.onProgress?.(
    `${ordered.length} mutations of ${covered.size} tested source files at ${commit.slice(0, 7)} in ${repo}, writing into ${request.out}`,
  );
  const ownCache = request.verify.setupCacheDir === undefined ? mkdtempSync(join(tmpdir(), 'agent-tracker-task-setup-')) : undefined;
  const staging = createStagingDir(request.out);
  const context: Context = {
    request,
    commit,
    repoName: basename(repo),
    original,
    assembled: new Map(),
    baselines: new Map(),
    staging,
    options: { ...request.verify, setupCacheDir: request.verify.setupCacheDir ?? (ownCache as string) },
  };
  const sites = new SiteLedger(readBankSites(request.out, commit));
  try {
    for (const [index, mutation] of ordered.entries()) {
      if (summary.kept.length >= request.count || summary.examined >= (request.maxCandidates ?? Number.POSITIVE_INFINITY)) break;
      const group = groupOf.get(mutation.path) as TestGroup;
      if (sites.findClash(mutation) !== undefined) continue;
      const baseline = context.baselines.get(group.key);
      if (baseline !== undefined && !baseline.ok) continue; // said once, when the group's tests first failed to run
      if (typeof context.assembled.get(group.key) === 'string') continue; // said once, at the group's first mutation
      summary.examined += 1;
      const site = describeSite(mutation);
      const outcome = await tryMutation(context, mutation, group);
      const head = `candidate ${index + 1} of ${ordered.length} ${mutation.kind} ${site}${mutation.scope ? ` (${mutation.scope})` : ''}`;
      if ('kept' in outcome) {
        sites.take(mutation);
        summary.kept.push(outcome.kept);
        request.onProgress?.(
          `${head}: kept as ${outcome.kept.id} (${outcome.kept.failToPass} fail_to_pass, ${outcome.kept.passToPass} pass_to_pass)`,
        );
        continue;
      }
      summary.rejected.push({ kind: mutation.kind, site, reason: outcome.reason });
      request.onProgress?.(`${head}: rejected, ${outcome.reason}`);
      const failed = context.baselines.get(group.key);
      if (failed !== undefined && !failed.ok)
        summary.environment.push({ group: group.key, cause: failed.environment.cause, fix: failed.environment.fix });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    if (ownCache) rmSync(ownCache, { recursive: true, force: true });
  }
  return summary;
}
