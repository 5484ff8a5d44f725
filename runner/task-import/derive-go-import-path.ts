// The import path a Go repository from before go modules is laid out at in GOPATH, read from its own files; pure.
import { GO_IMPORT_PATH } from '../task-bank/task-schema.js';
import type { RepoView } from './repo-view.js';

/** `package x // import "P"`: go's canonical import comment (cmd/go, "Import path checking"). */
const IMPORT_COMMENT = /^package\s+\w+\s*(?:\/\/\s*import\s+"([^"]+)"|\/\*\s*import\s+"([^"]+)"\s*\*\/)/m;

/** Every quoted path of a file's import declarations (single and grouped). */
function listImports(text: string): string[] {
  const paths: string[] = [];
  for (const block of text.matchAll(/^import\s*\(([\s\S]*?)\)/gm))
    for (const m of (block[1] ?? '').matchAll(/"([^"\n]+)"/g)) paths.push(m[1] as string);
  for (const m of text.matchAll(/^import\s+(?:[\w.]+\s+)?"([^"\n]+)"/gm)) paths.push(m[1] as string);
  return paths;
}

/** The folder of a path inside the repository ('' at its root). */
function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/**
 * The repository's import path when its tests run in GOPATH mode (no go.mod at its root): the canonical import comment
 * of a package (less the package's folder), else the prefix P of the tree's own imports of `P/<folder>` where <folder>
 * holds Go files of the repository (the most frequent P). Undefined with a go.mod (its module line names the packages
 * wherever the work folder is) or when nothing says it: a subpackage that imports its siblings then cannot build.
 */
export function deriveGoImportPath(repo: RepoView): string | undefined {
  if (repo.paths.has('go.mod')) return undefined;
  const goFiles = [...repo.paths].filter(
    (path) => path.endsWith('.go') && !path.split('/').some((part) => part === 'vendor' || part === 'testdata'),
  );
  const folders = new Set(goFiles.map(folderOf));
  const texts = goFiles.flatMap((path) => {
    const text = repo.read(path);
    return text === undefined ? [] : [{ path, text }];
  });
  for (const { path, text } of texts) {
    const match = IMPORT_COMMENT.exec(text);
    const named = match?.[1] ?? match?.[2];
    if (named === undefined) continue;
    const folder = folderOf(path);
    const root = folder === '' ? named : named.endsWith(`/${folder}`) ? named.slice(0, -folder.length - 1) : undefined;
    if (root !== undefined && GO_IMPORT_PATH.test(root)) return root;
  }
  const votes = new Map<string, number>();
  for (const { text } of texts)
    for (const imported of listImports(text))
      for (const folder of folders) {
        if (folder === '' || !imported.endsWith(`/${folder}`)) continue;
        const root = imported.slice(0, -folder.length - 1);
        // A standard-library path has no dot in its first element; a GOPATH repository's does (github.com/...).
        if (root.split('/')[0]?.includes('.') && GO_IMPORT_PATH.test(root)) votes.set(root, (votes.get(root) ?? 0) + 1);
      }
  const ranked = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return ranked[0]?.[0];
}
