// Finds the pure rooms' hidden defaults: a module that names the built-in catalog or builds a price table itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * What a report must be given, never make: the catalog (the data dir's declared providers and prices) and the price
 * table built from it. A module of reports/ that names one of these can price a declared provider's use at the
 * built-in prices alone when a caller forgets to pass the catalog's table (the viewer did once: ADR 0036).
 */
export const CALLER_SUPPLIED = ['BUILT_IN_CATALOG', 'createPriceTable', 'DEFAULT_PRICES'];

/** The folders whose product modules take their catalog and prices from the caller. */
export const CATALOG_FREE_FOLDERS = ['reports'];

/** Every product module of `folders` (tests and their fixtures left out), as [path from the root, text]. */
export function readProductFiles(root: string, folders: readonly string[]): Array<[string, string]> {
  const files: Array<[string, string]> = [];
  for (const folder of folders)
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      const file = join(entry.parentPath, entry.name);
      const path = relative(root, file);
      if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      if (path.split(/[\\/]/).includes('test-fixtures')) continue;
      files.push([path, readFileSync(file, 'utf8')]);
    }
  return files.sort(([a], [b]) => a.localeCompare(b));
}

/** `path:line NAME` for each identifier of CALLER_SUPPLIED a module imports or uses (comments and strings are not read). */
export function findDefaultCatalogs(files: Array<[string, string]>): string[] {
  const found: string[] = [];
  for (const [path, text] of files) {
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const seen = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && CALLER_SUPPLIED.includes(node.text)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        const entry = `${path}:${line} ${node.text}`;
        if (!seen.has(entry)) found.push(entry);
        seen.add(entry);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
