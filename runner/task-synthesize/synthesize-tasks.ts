// Breaks a repository's working code one procedural mutation at a time and keeps each break its tests catch as a verified task.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { listCommits, resolveRepoRoot } from '../task-import/read-git.js';
import { createStagingDir, openOutDir } from '../task-import/write-task-folder.js';
import { groupTestFiles, type TestGroup } from './group-test-files.js';
import { describeSite, locateSites, type Mutation } from './mutation.js';
import { orderCandidates, SiteLedger } from './pick-candidates.js';
import { readBankSites, readBankSpecs } from './read-bank-sites.js';
import { readHeadFiles } from './read-head-files.js';
import { listSites } from './run-site-lister.js';
import { listUnmutable } from './list-unmutable.js';
import { readPythonTestRule } from '../task-import/read-python-test-names.js';
import type { SynthesizeRequest, SynthesizeSummary } from './synthesize-summary.js';
import { type SynthesisContext, tryMutation } from './try-mutation.js';

export type { RejectedMutation, SynthesizedTask, SynthesizeRequest, SynthesizeSummary } from './synthesize-summary.js';

const TOOL = 'experiment tasks synthesize';

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

/** Synthesizes up to `count` tasks from the repository's HEAD: candidates in seeded order, each site used at most once. */
export async function synthesizeTasks(request: SynthesizeRequest): Promise<SynthesizeSummary> {
  const repo = await resolveRepoRoot(request.repo);
  const commit = (await listCommits(repo))[0]?.hash as string;
  const original = await readHeadFiles(repo, commit);
  const unmutable = listUnmutable(original);
  const { groups, untested } = groupTestFiles(
    [...original.keys()].filter((path) => !unmutable.has(path)),
    new Map([...original].map(([path, bytes]) => [path, bytes.length])),
    { python: readPythonTestRule({ paths: new Set(original.keys()), read: (path) => original.get(path)?.toString('utf8') }) },
  );
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
    skipped: [...unmutable].map(([path, why]) => `${path}: ${why}`),
    environment: [],
  };
  request.onProgress?.(
    `${ordered.length} mutations of ${covered.size} tested source files at ${commit.slice(0, 7)} in ${repo}, writing into ${request.out}`,
  );
  const ownCache = request.verify.setupCacheDir === undefined ? mkdtempSync(join(tmpdir(), 'agent-tracker-task-setup-')) : undefined;
  const staging = createStagingDir(request.out);
  const context: SynthesisContext = {
    request,
    commit,
    repoName: basename(repo),
    original,
    assembled: new Map(),
    baselines: new Map(),
    specs: readBankSpecs(request.out),
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
