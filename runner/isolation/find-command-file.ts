// Finds the real program behind an agent command on the host, so a sandbox that hides its PATH folders can still run it.
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve, sep } from 'node:path';

/** The real file a command names (a path, or a name on PATH as execvp finds it), every link resolved; null when none. */
export function findCommandFile(command: string, path: string | undefined): string | null {
  const found = command.includes('/')
    ? resolve(command)
    : (path ?? '')
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(resolve(dir), command))
        .find((file) => isExecutableFile(file));
  if (!found || !existsSync(found)) return null;
  return realpathSync(found);
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A CLI's install dir: the node_modules tree its real file sits in, else its folder. */
export function findInstallDir(real: string): string {
  const marker = `${sep}node_modules${sep}`;
  const at = real.indexOf(marker);
  return at >= 0 ? real.slice(0, at + marker.length - 1) : dirname(real);
}
