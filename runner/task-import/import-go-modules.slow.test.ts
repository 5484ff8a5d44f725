// tasks import --setup-network of a Go module that requires another: the host's go downloads it once into the import's
// module cache (here from a file proxy, GOPROXY=file://), and the tests run in bubblewrap with no network, reading it.
import { allowSkip } from '../../kernel/index.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { createSharedCaches } from '../task-bank/shared-caches.js';
import { importTasks } from './import-tasks.js';
import { DEFAULT_LIMITS } from './judge-change.js';
import { verifyImportedTask } from './verify-imported-task.js';
import { loadTaskBank } from '../task-bank/load-task-bank.js';

const parent = mkdtempSync(join(tmpdir(), 'import-go-modules-'));
chmodSync(parent, 0o755); // the sandbox's uid (65534 under a root runner) must reach the task folders
afterAll(() => {
  execFileSync('chmod', ['-R', 'u+w', parent]); // go makes its module cache read-only
  rmSync(parent, { recursive: true, force: true });
});
const plan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const goMissing = spawnSync('go', ['version']).status === 0 ? null : 'go is not installed';
const skipped = allowSkip(goMissing ?? (spawnSync('which', ['bwrap']).status === 0 ? probeBwrap(plan) : 'bwrap is not installed'));
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@e.invalid',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@e.invalid',
};

/** A module proxy on disk serving example.com/greet v1.0.0 (go's GOPROXY protocol: list, .info, .mod, .zip). */
function writeProxy(proxy: string): void {
  const at = join(proxy, 'example.com', 'greet', '@v');
  mkdirSync(at, { recursive: true });
  const mod = 'module example.com/greet\n\ngo 1.18\n';
  writeFileSync(join(at, 'list'), 'v1.0.0\n');
  writeFileSync(join(at, 'v1.0.0.info'), '{"Version":"v1.0.0","Time":"2020-01-01T00:00:00Z"}\n');
  writeFileSync(join(at, 'v1.0.0.mod'), mod);
  const files = { 'go.mod': mod, 'greet.go': 'package greet\n\nfunc Hello(name string) string { return "hello " + name }\n' };
  // A module zip holds files only, each under <module>@<version>/ (no folder entries: go refuses them).
  const script = `import zipfile, json, sys\nz = zipfile.ZipFile(sys.argv[1], 'w')\nfor name, text in json.loads(sys.argv[2]).items(): z.writestr('example.com/greet@v1.0.0/' + name, text)\nz.close()`;
  execFileSync('python3', ['-c', script, join(at, 'v1.0.0.zip'), JSON.stringify(files)]);
}

function commit(repo: string, subject: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['commit', '-q', '-m', subject], { cwd: repo, env: GIT_ENV });
}

describe.skipIf(skipped !== null)(`tasks import of a Go module with a dependency${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  it('keeps the change, its tests reading the module the host fetched once into the import cache', async () => {
    const proxy = join(parent, 'proxy');
    writeProxy(proxy);
    const hostGo = { GOPROXY: `file://${proxy}`, GOSUMDB: 'off', GOMODCACHE: join(parent, 'author-mod') };
    const repo = join(parent, 'repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    writeFileSync(join(repo, 'go.mod'), 'module example.com/app\n\ngo 1.18\n\nrequire example.com/greet v1.0.0\n');
    writeFileSync(join(repo, 'app.go'), 'package app\n\nimport "example.com/greet"\n\nfunc Greet() string { return greet.Hello("") }\n');
    execFileSync('go', ['mod', 'tidy'], { cwd: repo, env: { ...process.env, ...hostGo, GOFLAGS: '-mod=mod' } }); // writes go.sum
    const test = (body: string) => `package app\n\nimport "testing"\n\n${body}\n`;
    commit(repo, 'Start the greeter', { 'app_test.go': test('func TestStart(t *testing.T) {}') });
    commit(repo, 'Greet by name\n\nGreet says hello to x.', {
      'app.go': 'package app\n\nimport "example.com/greet"\n\nfunc Greet() string { return greet.Hello("x") }\n',
      'app_test.go': test(
        'func TestStart(t *testing.T) {}\n\nfunc TestGreet(t *testing.T) {\n\tif Greet() != "hello x" {\n\t\tt.Fatal(Greet())\n\t}\n}',
      ),
    });
    // A module nested below the root that requires the same greeter: its tests run from the root through a go.work.
    mkdirSync(join(repo, 'tools'));
    writeFileSync(join(repo, 'tools', 'go.mod'), 'module example.com/app/tools\n\ngo 1.18\n\nrequire example.com/greet v1.0.0\n');
    const tools = (name: string) => `package tools\n\nimport "example.com/greet"\n\nfunc Tool() string { return greet.Hello("${name}") }\n`;
    writeFileSync(join(repo, 'tools', 'tools.go'), tools(''));
    execFileSync('go', ['mod', 'tidy'], { cwd: join(repo, 'tools'), env: { ...process.env, ...hostGo, GOFLAGS: '-mod=mod' } });
    commit(repo, 'Start the tools', {});
    const toolTest = test('func TestTool(t *testing.T) {\n\tif Tool() != "hello y" {\n\t\tt.Fatal(Tool())\n\t}\n}').replace(
      'package app',
      'package tools',
    );
    commit(repo, 'Tools greet by name\n\nTool says hello to y.', { 'tools/tools.go': tools('y'), 'tools/tools_test.go': toolTest });
    const modules = join(parent, 'data', 'import-cache', 'go-mod');
    const caches = createSharedCaches(plan.runAs);
    const saved = { GOPROXY: process.env.GOPROXY, GOSUMDB: process.env.GOSUMDB };
    Object.assign(process.env, { GOPROXY: hostGo.GOPROXY, GOSUMDB: 'off' }); // the user's own go settings, as the host's go reads them
    try {
      const options = {
        isolation: plan,
        parentDir: parent,
        setupNetwork: true,
        goModFetch: { dir: modules },
        caches,
        reruns: { solution: 2, fixture: 1 },
      };
      const summary = await importTasks({
        repo,
        out: join(parent, 'bank'),
        max: 5,
        limits: DEFAULT_LIMITS,
        setupNetwork: true,
        verify: (dir, meta) => verifyImportedTask(dir, meta, options),
      });
      expect(summary.rejected.map((entry) => entry.reason)).toEqual([
        expect.stringMatching(/^no tests? /),
        'root commit (no parent to start from)',
      ]);
      expect(summary.kept.map((task) => task.id)).toEqual([
        expect.stringMatching(/^tools-greet-by-name-/),
        expect.stringMatching(/^greet-by-name-/),
      ]);
      const toolTask = loadTaskBank(join(parent, 'bank')).find((task) => task.meta.id.startsWith('tools-'));
      expect(toolTask?.meta.fail_to_pass).toEqual(['example.com/app/tools::TestTool']);
      expect(existsSync(join(modules, 'example.com', 'greet@v1.0.0', 'greet.go'))).toBe(true);
      // The root's go.sum and the nested module's, each fetched once (the two tasks share the root's).
      expect(readdirSync(join(modules, '.agent-tracker-fetched'))).toHaveLength(2);
    } finally {
      for (const [name, value] of Object.entries(saved))
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      caches.remove();
    }
  });
});
