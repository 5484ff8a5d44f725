// The files of this package that sandboxed code runs, bound into the sandbox in place of the package's folder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The scripted agent (dist/, one bundled file since ADR 0040; node_modules, which it reads when run from sources, as the
 * TypeScript hook reads esbuild there; package.json, which names the package root and its version), the TypeScript tests' hook (scripts/typescript-tests) and the synthesis listers (scripts/synthesize). Never the rest of
 * the checkout: its tracker-data, other experiments' data dirs, test artifacts, features, the git folder.
 */
const RUNTIME = ['package.json', 'dist', 'node_modules', 'scripts/typescript-tests', 'scripts/synthesize'];
/** Run from sources (vitest, tsx), the scripted agent is `runner/drivers/scripted-agent/main.ts` and what it imports. */
const SOURCES = ['tsconfig.json', 'kernel', 'runner', 'model-server'];

/** The runtime entries under `root` that exist, as absolute paths (from sources, the agent's source folders too). */
export function listPackageRuntime(root: string, fromSources = import.meta.url.endsWith('.ts')): string[] {
  return [...RUNTIME, ...(fromSources ? SOURCES : [])].map((entry) => join(root, entry)).filter((path) => existsSync(path));
}
