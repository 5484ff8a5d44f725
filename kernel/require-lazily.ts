// Loads a package the first time it is used, synchronously: for code on the start-up path of commands that seldom need it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A getter for `specifier`'s CommonJS build, loaded on the first call. `tracker preview` and `statusline` start on
 * every window or prompt; a static import of a package they reach but rarely call costs its whole load each time
 * (synckit ~38 ms on this machine, docs/decisions/0020-lazy-start-up.md; luxon ~57 ms, 0038-own-uuid-v7.md). Only for
 * packages that ship a CommonJS build: it is that build that is loaded, so no product code may also import the ES
 * module (two copies, two states).
 */
export function requireLazily<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(specifier) as T;
    return loaded;
  };
}
