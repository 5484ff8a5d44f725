// Bundles the two bins of a compiled tree (`node scripts/bundle-bins.mjs DIST`) in place: DIST/cli/tracker.js and
// experiment.js become entry files over shared chunks in DIST/cli/chunks/, the packages they use included. Node 20 pays
// for every ES module it resolves and reads: `tracker snapshot before` loaded 207 of them (zod alone 95), 0.205 CPU-s
// against 0.05 for `node -e 0`; bundled 0.146 (ADR 0025). The scripted agent's program is bundled in place too (ADR
// 0040). The rest of DIST stays as tsc wrote it: the workers (PostgreSQL, scan helper) and the library entry points load
// it, and the specs run it in-process.
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

const dist = process.argv[2];
if (!dist) {
  process.stderr.write('usage: node scripts/bundle-bins.mjs DIST\n');
  process.exit(2);
}
// CommonJS packages (commander, uuid) call require for Node's own modules: give the ES chunks one.
const banner = {
  js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);",
};
// `tracker statusline` runs after every Claude Code message: its bin path loads one file of its own, not the entry's
// 11 chunks (every ES module Node resolves costs; median CPU 0.075 -> 0.067 s against 0.056 for an empty module).
const STATUSLINE_FILE = 'statusline-bundle.js';
await build({
  entryPoints: [`${dist}/cli/statusline.js`],
  outfile: `${dist}/cli/${STATUSLINE_FILE}`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  external: ['fs-ext', 'pg-native'],
  banner,
});
/** Sends run-tracker's dynamic import of the statusline to that one file, left outside the entry's chunks. */
const statuslineApart = {
  name: 'statusline-apart',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/statusline\.js$/ }, (args) =>
      args.importer.endsWith('run-tracker.js') ? { path: `./${STATUSLINE_FILE}`, external: true } : undefined,
    );
  },
};
await build({
  entryPoints: [`${dist}/cli/tracker.js`, `${dist}/cli/experiment.js`],
  outdir: `${dist}/cli`,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  allowOverwrite: true,
  logLevel: 'warning',
  // fs-ext is a native addon (loaded with require from the package's node_modules); pg-native is pg's optional one;
  // typescript (10 MB, loaded on use by `tasks synthesize` only) stays the package's own dependency, not a second copy.
  external: ['fs-ext', 'pg-native', 'typescript'],
  plugins: [statuslineApart],
  banner,
});
// The scripted agent runs once per arm (hundreds in the specs): DIST/runner/drivers/scripted-agent/main.js becomes one
// file, zod and the kernel included (loading it: median 0.40 -> 0.26 CPU-s against 0.16 for `node -e 0`, ADR 0040).
// Nothing imports main.js, so its modules beside it stay for the runner and the specs; its tsc source map would lie.
const AGENT_ENTRY = `${dist}/runner/drivers/scripted-agent/main.js`;
await build({
  entryPoints: [AGENT_ENTRY],
  outfile: AGENT_ENTRY,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  allowOverwrite: true,
  logLevel: 'warning',
  banner,
});
await rm(`${AGENT_ENTRY}.map`, { force: true });
