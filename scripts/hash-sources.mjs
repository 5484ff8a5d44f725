// Prints one SHA-256 over every file tsc compiles (tsconfig.build.json's include), the tsconfigs and the lockfile.
// build.sh compares it with the hash it stored in dist/ to skip a build that would give the same dist/.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { include } = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
const files = [
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
  'scripts/build.sh',
  'scripts/bundle-bins.mjs',
  'scripts/bundle-viewer.mjs',
];
for (const dir of include) {
  if (!existsSync(join(root, dir))) continue;
  for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(join(entry.parentPath ?? entry.path, entry.name).slice(root.length));
  }
}
const hash = createHash('sha256');
// Names and contents both: a renamed or deleted file changes the hash too.
for (const file of files.sort()) {
  hash.update(`${file}\0`);
  if (existsSync(join(root, file))) hash.update(readFileSync(join(root, file)));
  hash.update('\0');
}
process.stdout.write(`${hash.digest('hex')}\n`);
