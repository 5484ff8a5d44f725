// Module hooks: .ts files are turned into JavaScript by esbuild (loader ts, as tsx does), and a relative `./x.js`
// import that finds no file tries `./x.ts`, the NodeNext convention TypeScript sources use.
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';

/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !/^\.{1,2}\//.test(specifier) || !specifier.endsWith('.js')) throw error;
    return next(`${specifier.slice(0, -3)}.ts`, context);
  }
}

/** @type {import('node:module').LoadHook} */
export async function load(url, context, next) {
  if (!url.startsWith('file:') || !/\.[cm]?ts$/.test(url)) return next(url, context);
  const source = await readFile(new URL(url), 'utf8');
  const commonjs = url.endsWith('.cts');
  // A full transform, not type stripping: enums, namespaces and parameter properties are TypeScript an agent may write.
  // The async API keeps one esbuild service for the whole test run (ADR 0039).
  const { code } = await transform(source, { loader: 'ts', format: commonjs ? 'cjs' : 'esm', sourcefile: new URL(url).pathname });
  return { format: commonjs ? 'commonjs' : 'module', source: code, shortCircuit: true };
}
