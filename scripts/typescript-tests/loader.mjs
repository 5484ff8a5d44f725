// Module hooks: .ts files are turned into JavaScript by amaro (Node's own type stripper, swc in wasm), and a relative
// `./x.js` import that finds no file tries `./x.ts`, the NodeNext convention TypeScript sources use.
import { readFile } from 'node:fs/promises';
import amaro from 'amaro';

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
  // `transform` (not `strip-only`): enums, namespaces and parameter properties are TypeScript an agent may write.
  const { code } = amaro.transformSync(source, { mode: 'transform', sourceMap: false, filename: new URL(url).pathname });
  return { format: url.endsWith('.cts') ? 'commonjs' : 'module', source: code, shortCircuit: true };
}
