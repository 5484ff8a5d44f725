// Lists a repository's mutation sites: TypeScript's parser in this process for JS/TS, Python's ast and Go's go/ast in the sandbox.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { AppError, findPackageRoot } from '../../kernel/index.js';
import { buildTestEnv } from '../acceptance/build-test-env.js';
import { runTestProcess } from '../acceptance/run-test-process.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import { handOverSandbox, wrapCommand } from '../isolation/wrap-command.js';
import type { SynthesisLanguage } from './group-test-files.js';
import { listJsMutations } from './list-js-mutations.js';
import { MutationSiteSchema, type MutationSite } from './mutation.js';

const ListerOutputSchema = z.object({
  files: z.record(z.string(), z.union([z.array(MutationSiteSchema), z.object({ error: z.string() })])),
});

export interface ListedSites {
  sites: Map<string, MutationSite[]>;
  /** Files the parser refused (a syntax it does not know), with its words. */
  unreadable: Map<string, string>;
}

/** Parsing a whole repository's files takes seconds (go compiles the lister first); a hung one is stopped here. */
const LISTER_TIMEOUT_MS = 300_000;

/** The lister programs shipped in scripts/synthesize/, and how each runs. */
function buildListerCommand(
  language: 'python' | 'go',
  workDir: string,
  files: string[],
): { file: string; args: string[]; env: Record<string, string> } {
  const root = findPackageRoot();
  if (root === null) throw new AppError('NOT_FOUND', 'expected the agent-tracker package folder (for scripts/synthesize/)');
  if (language === 'python')
    return { file: 'python3', args: [join(root, 'scripts/synthesize/list_python_sites.py'), workDir, ...files], env: {} };
  // GOPATH mode: the lister imports the standard library only, and a repository's go.mod must not make go fetch anything.
  return {
    file: 'go',
    args: ['run', join(root, 'scripts/synthesize/list_go_sites.go'), workDir, ...files],
    env: { GO111MODULE: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '' },
  };
}

/** Every mutation site of `files` (paths into `tree`), by file. */
export async function listSites(
  language: SynthesisLanguage,
  files: readonly string[],
  tree: ReadonlyMap<string, Buffer>,
  isolation: IsolationPlan | undefined,
): Promise<ListedSites> {
  if (language === 'javascript') return listJsSites(files, tree);
  // The parsers read the stranger's code: in the same sandbox as its tests, with no network and nothing else writable.
  const root = mkdtempSync(join(tmpdir(), 'agent-tracker-synthesize-'));
  try {
    const workDir = join(root, 'work');
    const homeDir = join(root, 'home');
    mkdirSync(homeDir, { recursive: true });
    for (const path of files) {
      const target = join(workDir, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, tree.get(path) ?? Buffer.alloc(0));
    }
    handOverSandbox(isolation, root);
    const { file, args, env } = buildListerCommand(language, workDir, [...files]);
    const command = { file, args, env: { ...buildTestEnv({ homeDir }), ...env }, cwd: homeDir };
    const run = await runTestProcess(
      wrapCommand(isolation, command, { writable: root, shareNet: false }),
      LISTER_TIMEOUT_MS,
      `the ${language} lister`,
    );
    let parsed: z.infer<typeof ListerOutputSchema>;
    try {
      parsed = ListerOutputSchema.parse(JSON.parse(run.stdout));
    } catch {
      const said = `${run.stderr}\n${run.stdout}`.trim().split('\n').slice(-3).join(' | ').slice(0, 400);
      throw new AppError(
        'BAD_INPUT',
        `the ${language} mutation lister failed (exit ${run.exitCode}${run.timedOut ? ', timed out' : ''}): ${said}`,
        {
          where: file,
        },
      );
    }
    const sites = new Map<string, MutationSite[]>();
    const unreadable = new Map<string, string>();
    for (const [path, listed] of Object.entries(parsed.files)) {
      if (Array.isArray(listed)) sites.set(path, listed);
      else unreadable.set(path, listed.error);
    }
    return { sites, unreadable };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function listJsSites(files: readonly string[], tree: ReadonlyMap<string, Buffer>): Promise<ListedSites> {
  // Loaded on use: typescript is 9 MB of JavaScript that no other command needs.
  const ts = (await import('typescript')).default;
  const sites = new Map<string, MutationSite[]>();
  const unreadable = new Map<string, string>();
  for (const path of files) {
    try {
      sites.set(path, listJsMutations(ts, path, (tree.get(path) ?? Buffer.alloc(0)).toString('utf8')));
    } catch (error) {
      unreadable.set(path, (error as Error).message.slice(0, 200));
    }
  }
  return { sites, unreadable };
}
