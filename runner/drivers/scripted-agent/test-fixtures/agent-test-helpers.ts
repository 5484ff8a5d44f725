// Test helpers of the scripted agent: a temp working directory, a scripted server, and usage summed as the runner reads it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUsage, createAgentUsageReader, ZERO_USAGE, type UsageDelta } from '../../../../budget/index.js';
import { listUsageReaders } from '../../agent-clis.js';
import { getBuiltinScript, parseScript, startScriptedServer, type ScriptedServer, type ScriptInput } from '../../../../model-server/index.js';

/** A fresh folder (no spaces, so the server reads the cwd line whole) and its cleanup. */
export function makeTempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A built-in script by name, or a script object. */
export function startServer(script: string | ScriptInput): Promise<ScriptedServer> {
  const parsed = typeof script === 'string' ? getBuiltinScript(script) : parseScript(script);
  if (!parsed) throw new Error(`no built-in script ${String(script)}`);
  return startScriptedServer({ script: parsed, port: 0 });
}

/** What the runner charges for these stdout lines: the sum of createAgentUsageReader's deltas. */
export function sumReaderUsage(lines: string[]): UsageDelta {
  const reader = createAgentUsageReader({ streams: listUsageReaders() });
  let total: UsageDelta = { ...ZERO_USAGE };
  for (const line of lines) {
    const read = reader.read(line);
    if (read) total = addUsage(total, read.delta);
  }
  return total;
}

export function parseLines(lines: string[]): Array<Record<string, unknown>> {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}
