// Reads the product's modules and their imports (static, type-only, re-exports and dynamic import()) with TypeScript's own scanner.
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { FLOORS } from './floors.js';

export interface ModuleInfo {
  /** Path from the repository root, with forward slashes: `ledger/store/append-rows.ts`. */
  path: string;
  /** The source text (for the clock and process.exit checks). */
  text: string;
  /** Relative imports resolved to repository paths (`.js` specifiers mapped back to their `.ts` file). */
  local: string[];
  /** Every other specifier as written: `node:fs`, `zod`, `fs-ext`. */
  external: string[];
}

/** Every non-test module under the floors' folders, test fixtures left out. */
export function readImportGraph(root: string): ModuleInfo[] {
  const modules: ModuleInfo[] = [];
  for (const folder of Object.keys(FLOORS)) {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, folder), { recursive: true, withFileTypes: true });
    } catch {
      continue; // a floor not built yet
    }
    for (const entry of entries) {
      const file = join(entry.parentPath, entry.name);
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || file.includes('/test-fixtures/')) continue;
      modules.push(readModule(root, file));
    }
  }
  return modules.sort((a, b) => a.path.localeCompare(b.path));
}

function readModule(root: string, file: string): ModuleInfo {
  const text = readFileSync(file, 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const local: string[] = [];
  const external: string[] = [];
  for (const { fileName } of importedFiles) {
    if (fileName.startsWith('.')) local.push(relative(root, resolve(dirname(file), fileName.replace(/\.js$/, '.ts'))));
    else external.push(fileName);
  }
  return { path: relative(root, file), text, local, external };
}
