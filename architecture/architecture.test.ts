// The house rules, enforced: the build fails when an import goes up a floor, closes a circle, or a pure module touches I/O.
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findDoorViolations, findLoadedImpurities } from './find-door-violations.js';
import { findCircles, findErrorTypes, findExits, findImpureModules, findKernelImports, findUpwardImports } from './find-violations.js';
import { isOwnPlace, PROVIDER_NAME_CEILINGS, SUB_FACES } from './floors.js';
import { type ModuleInfo, readImportGraph } from './read-import-graph.js';
import { readLoadedImports } from './read-loaded-imports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const modules = readImportGraph(root);

describe('the repository', () => {
  it('has modules on every floor to check', () => {
    expect(modules.length).toBeGreaterThan(300);
    expect(new Set(modules.map((module) => module.path.split('/')[0]))).toEqual(
      new Set(['kernel', 'ledger', 'budget', 'sources', 'runner', 'proxy', 'model-server', 'reports', 'viewer', 'cli']),
    );
  });
  it('imports only down the floors (cli -> runner/proxy/reports -> budget/sources -> ledger -> kernel)', () => {
    expect(findUpwardImports(modules)).toEqual([]);
  });
  it('names a built-in provider or protocol as a string in no more files than its ceiling', () => {
    const counts = Object.fromEntries(
      Object.keys(PROVIDER_NAME_CEILINGS).map((id) => [
        id,
        modules.filter((module) => !isOwnPlace(module.path, id) && module.text.includes(`'${id}'`)).length,
      ]),
    );
    expect(counts).toEqual(PROVIDER_NAME_CEILINGS);
  });
  it('has no import circle, type-only imports included', () => {
    expect(findCircles(modules)).toEqual([]);
  });
  it('keeps reports/ and the parsers free of file system, network, processes and the clock', () => {
    expect(findImpureModules(modules)).toEqual([]);
  });
  it('keeps the kernel on Node alone (no product module, no package, no native addon)', () => {
    expect(findKernelImports(modules)).toEqual([]);
  });
  it('defines error types only in the kernel', () => {
    expect(findErrorTypes(modules)).toEqual([]);
  });
  it('calls process.exit only in cli/ and program entry points', () => {
    expect(findExits(modules)).toEqual([]);
  });
  it('enters another folder only through its index.ts or a named sub-face, with no exception', () => {
    expect(findDoorViolations(modules, SUB_FACES)).toEqual([]);
  });
  it('keeps what reports/ and the parsers load, through any module, free of native addons, I/O, writes and the clock', () => {
    expect(findLoadedImpurities(modules)).toEqual([]);
  });
});

/** A module built by hand, to show that each rule catches what it is for. */
const made = (path: string, local: string[] = [], external: string[] = [], text = ''): ModuleInfo => ({ path, local, external, text });

describe('the rules catch planted violations', () => {
  it("a provider's own place is a declaring place or a file or folder named for it, no other", () => {
    const own = (path: string) => isOwnPlace(path, 'codex');
    expect(
      ['runner/drivers/codex-driver.ts', 'sources/ingest/ingest-codex-rollouts.ts', 'x/codex/a.ts', 'x/read-codex.ts'].map(own),
    ).toEqual([true, true, true, true]);
    expect(['runner/drivers/driver.ts', 'x/codexes.ts', 'x/mycodex-a.ts', 'x/claude-driver.ts'].map(own)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(isOwnPlace('sources/quota/kinds/claude.ts', 'codex')).toBe(true);
  });
  it('an import up a floor, and a sideways one not listed', () => {
    expect(
      findUpwardImports([made('ledger/a.ts', ['cli/b.ts']), made('reports/a.ts', ['proxy/b.ts']), made('budget/a.ts', ['sources/b.ts'])]),
    ).toHaveLength(2);
  });
  it('a circle of two and a circle through three modules', () => {
    const circles = findCircles([
      made('a/x.ts', ['a/y.ts']),
      made('a/y.ts', ['a/x.ts']),
      made('b/1.ts', ['b/2.ts']),
      made('b/2.ts', ['b/3.ts']),
      made('b/3.ts', ['b/1.ts']),
      made('c/z.ts', ['a/x.ts']),
    ]);
    expect(circles).toEqual([
      ['a/x.ts', 'a/y.ts'],
      ['b/1.ts', 'b/2.ts', 'b/3.ts'],
    ]);
  });
  it('node:fs in reports/, a clock read in a parser, but not a comment about the clock', () => {
    const found = findImpureModules([
      made('reports/x.ts', [], ['node:fs']),
      made('sources/parsers/y.ts', [], [], 'const t = Date.now();'),
      made('reports/z.ts', [], [], '// never Date.now(): the caller passes now'),
    ]);
    expect(found).toEqual(['reports/x.ts imports node:fs', 'sources/parsers/y.ts reads the clock (\\bDate\\.now\\(\\))']);
  });
  it('a kernel module that loads a package or a product module', () => {
    expect(findKernelImports([made('kernel/a.ts', ['ledger/x.ts'], ['zod', 'node:crypto'])])).toEqual([
      'kernel/a.ts imports zod',
      'kernel/a.ts imports ledger/x.ts',
    ]);
  });
  it('an error class outside the kernel, and process.exit outside cli/', () => {
    expect(
      findErrorTypes([
        made('proxy/e.ts', [], [], 'export class ProxyError extends Error {}'),
        made('kernel/e.ts', [], [], 'export class AppError extends Error {}'),
      ]),
    ).toEqual(['proxy/e.ts']);
    expect(findExits([made('runner/x.ts', [], [], 'process.exit(1);'), made('cli/tracker.ts', [], [], 'process.exit(1);')])).toEqual([
      'runner/x.ts',
    ]);
  });
});

describe('the door rules catch planted violations', () => {
  it("an import past another folder's index.ts, but not one through it, a sub-face, or inside the folder", () => {
    const planted = [
      made('cli/a.ts', ['ledger/store/append-rows.ts', 'ledger/index.ts', 'ledger/pg/index.ts']),
      made('ledger/a.ts', ['ledger/store/append-rows.ts']),
    ];
    expect(findDoorViolations(planted, new Set(['ledger/pg/index.ts']))).toEqual(['cli/a.ts -> ledger/store/append-rows.ts']);
  });
  it("a report that loads the flock addon two modules away (f9e718a's compute-gate-fields), and one that only names a type there", () => {
    const planted = [
      made('reports/gates/a.ts', ['ledger/index.ts'], [], "import { ANALYSIS_DEFAULTS } from '../../ledger/index.js';"),
      made('reports/b.ts', ['ledger/index.ts'], [], "import type { ReportWindow } from '../ledger/index.js';"),
      made('ledger/index.ts', ['ledger/store/file-lock.ts'], [], "export { tryLockFile } from './store/file-lock.js';"),
      made('ledger/store/file-lock.ts', [], ['fs-ext'], "import fsExt from 'fs-ext';"),
    ];
    expect(findLoadedImpurities(planted)).toEqual([
      'reports/gates/a.ts loads fs-ext (through ledger/store/file-lock.ts, from ledger/index.ts)',
    ]);
  });
  it('a parser that loads a module which writes files or reads the clock', () => {
    const planted = [
      made('sources/parsers/a.ts', ['kernel/b.ts'], [], "import { b } from '../../kernel/b.js';"),
      made(
        'kernel/b.ts',
        [],
        ['node:fs'],
        "import { writeFileSync } from 'node:fs';\nexport const b = () => writeFileSync('x', Date.now());",
      ),
    ];
    expect(findLoadedImpurities(planted)).toEqual([
      'sources/parsers/a.ts loads kernel/b.ts, which reads the clock',
      'sources/parsers/a.ts loads kernel/b.ts, which writes files',
    ]);
  });
});

describe('what a light process loads', () => {
  /** Every module reachable from `entry` through static imports (type-only ones included: cheap to over-count). */
  const reachFrom = (entry: string): ModuleInfo[] => {
    const byPath = new Map(modules.map((module) => [module.path, module]));
    const seen = new Set<string>();
    const stack = [entry];
    while (stack.length > 0) {
      const path = stack.pop() as string;
      if (seen.has(path) || !byPath.has(path)) continue;
      seen.add(path);
      stack.push(...(byPath.get(path)?.local ?? []));
    }
    return [...seen].map((path) => byPath.get(path) as ModuleInfo);
  };
  it.each(['runner/drivers/scripted-agent/main.ts', 'runner/drivers/codex-config.ts'])('%s loads no native addon (fs-ext)', (entry) => {
    const reached = reachFrom(entry);
    expect(reached.length).toBeGreaterThan(0);
    expect(reached.filter((module) => module.external.includes('fs-ext')).map((module) => module.path)).toEqual([]);
  });
});

describe('what tracker preview loads before it reads a row', () => {
  /** Packages reached from `entries` through imports that run at load time (ADR 0020). */
  const findLoadedPackages = (entries: string[]): Map<string, string> => {
    const byPath = new Map(modules.map((module) => [module.path, module]));
    const packages = new Map<string, string>();
    const seen = new Set<string>();
    const stack = [...entries];
    while (stack.length > 0) {
      const path = stack.pop() as string;
      const module = byPath.get(path);
      if (seen.has(path) || !module) continue;
      seen.add(path);
      for (const specifier of readLoadedImports(path, module.text)) {
        if (specifier.startsWith('.')) stack.push(posix.join(posix.dirname(path), specifier.replace(/\.js$/, '.ts')));
        else if (!specifier.startsWith('node:')) packages.set(specifier, path);
      }
    }
    return packages;
  };
  it('loads no zod, synckit or uuid (a plain preview calls none of them)', () => {
    const packages = findLoadedPackages(['cli/single-command-program.ts', 'cli/commands/preview.ts']);
    expect(packages.has('commander')).toBe(true);
    expect([...packages].filter(([name]) => ['zod', 'synckit', 'uuid'].includes(name))).toEqual([]);
  });
  it('the statusline, run on every Claude Code prompt, loads no zod, synckit, uuid or jstat either', () => {
    const packages = findLoadedPackages(['cli/tracker.ts', 'cli/run-tracker.ts', 'cli/statusline.ts']);
    expect([...packages].filter(([name]) => ['zod', 'synckit', 'uuid', 'jstat'].includes(name))).toEqual([]);
  });
  it('sees a package imported for its values, and not one imported for its types or with import()', () => {
    expect(readLoadedImports('a.ts', "import { z } from 'zod';\nimport type { X } from 'pg';\nimport { type Y } from 'uuid';")).toEqual([
      'zod',
    ]);
    expect(
      readLoadedImports('b.ts', "export { A } from './a.js';\nexport type { B } from './b.js';\nconst m = await import('synckit');"),
    ).toEqual(['./a.js']);
  });
});
