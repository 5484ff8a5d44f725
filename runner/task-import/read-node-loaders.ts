// The flags of a test script's `node ... --test` that make node load TypeScript, kept in the command the import runs; pure.

/** node's flags that make it load a module first, with their value (`--import tsx`, `-r ts-node/register`). */
const NODE_LOADER_FLAGS = new Set(['--import', '--loader', '--experimental-loader', '--require', '-r']);

/**
 * The flags before `--test` in a test script that let node load TypeScript (`node --import tsx --test`, `--loader
 * ts-node/esm`, `-r ts-node/register`, `--experimental-strip-types`): kept, or no `.ts` test file would load. Others
 * (`--enable-source-maps`, a coverage flag) are left out: they change no verdict.
 */
export function readNodeLoaders(flags: string): string[] {
  const words = flags
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
  const kept: string[] = [];
  for (let at = 0; at < words.length; at += 1) {
    const word = words[at] as string;
    const [flag, value] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (NODE_LOADER_FLAGS.has(flag) && value !== undefined) kept.push(flag, value);
    else if (NODE_LOADER_FLAGS.has(flag) && words[at + 1] !== undefined) {
      kept.push(flag, words[at + 1] as string);
      at += 1;
    } else if (/^--experimental-(?:strip|transform)-types$/.test(flag)) kept.push(flag);
  }
  return kept;
}
