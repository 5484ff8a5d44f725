// The package version stamped on every row, read once from package.json.
import { readFileSync } from 'node:fs';

export const SCHEMA_VERSION = 1;

function readToolVersion(): string {
  // Compiled files live in dist/ledger, sources in ledger/: package.json is two or one level up.
  for (const relative of ['../../package.json', '../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'agent-tracker' && parsed.version) return parsed.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0-unknown';
}

export const TOOL_VERSION = readToolVersion();
