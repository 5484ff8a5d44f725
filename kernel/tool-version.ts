// The package version stamped on every row, read once from package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from './package-root.js';

export const SCHEMA_VERSION = 1;

function readToolVersion(): string {
  const root = findPackageRoot();
  if (root === null) return '0.0.0-unknown';
  try {
    const parsed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
    return parsed.version ?? '0.0.0-unknown';
  } catch {
    return '0.0.0-unknown';
  }
}

export const TOOL_VERSION = readToolVersion();
