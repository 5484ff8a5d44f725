// Loaded with `node --import` by the start-up bench: appends the path of every file module the process loads to the
// file named by BENCH_LOADED_MODULES, so the bench can say what a command loads (the hook costs CPU: its runs are
// not the timed ones).
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const hook = `
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function load(url, context, next) {
  if (url.startsWith('file:') && process.env.BENCH_LOADED_MODULES) appendFileSync(process.env.BENCH_LOADED_MODULES, fileURLToPath(url) + '\\n');
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
// CommonJS modules (a native addon's loader) do not pass the ESM hook: their paths come from the require cache at exit.
process.on('exit', () => {
  const file = process.env.BENCH_LOADED_MODULES;
  if (file !== undefined) for (const path of Object.keys(createRequire(import.meta.url).cache)) appendFileSync(file, `${path}\n`);
});
