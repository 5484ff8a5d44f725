// Files a synthesis never mutates: generated code, and the folders of Go modules nested below the root; pure.
import { findNestedGoModule, listNestedGoModules } from '../task-import/split-go-modules.js';

/** Go's convention (`// Code generated ... DO NOT EDIT.`, go.dev/s/generatedcode) and the common `@generated` mark. */
const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$|@generated\b|\bDO NOT EDIT\b/m;

/**
 * Each file to leave alone, with why. buger/jsonparser: most of its 5,798 mutation sites lay in `benchmark/`, a nested
 * module of generated easyjson/ffjson code whose tests cannot run from the root module, and the synthesis stopped with
 * 0 kept. Generated code is also no bug a person writes: the header is read in the first 10 lines.
 */
export function listUnmutable(files: ReadonlyMap<string, Buffer>): Map<string, string> {
  const nested = listNestedGoModules(files.keys());
  const skipped = new Map<string, string>();
  for (const [path, bytes] of files) {
    const module = findNestedGoModule(path, nested);
    if (module !== undefined) skipped.set(path, `in another Go module (${module}/go.mod)`);
    else if (GENERATED.test(bytes.subarray(0, 2048).toString('utf8').split('\n').slice(0, 10).join('\n')))
      skipped.set(path, 'generated code');
  }
  return skipped;
}
