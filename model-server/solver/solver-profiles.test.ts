// Solver profiles: the thrifty hash rule, checked over HTTP against the real task bank, and per-profile usage.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { getBuiltinScript } from '../builtin-scripts.js';
import { parseSseText } from '../parse-sse-text.js';
import { startScriptedServer, type ScriptedServer } from '../start-scripted-server.js';
import { listSolutionFiles } from './list-solution-files.js';
import { decideSolves, hashSolveRoll, selectSolverProfile, SOLVER_PROFILES } from './solver-profiles.js';

const REAL_BANK = fileURLToPath(new URL('../../task-bank', import.meta.url));
const REAL_TASKS = readdirSync(REAL_BANK, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The first tool call of a solving Messages client: Read when the first solution file replaces a fixture file. */
function firstToolOf(taskId: string): 'Read' | 'Write' {
  const first = listSolutionFiles(REAL_BANK, taskId)?.[0];
  if (!first) throw new Error(`task ${taskId} has no solution files`);
  return existsSync(join(REAL_BANK, taskId, 'fixture', first.rel)) ? 'Read' : 'Write';
}

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function askRound0(model: string, taskId: string): Promise<{ stopReason: unknown; text: string; toolName: string | null }> {
  const body = {
    model,
    stream: true,
    system: 'Primary working directory: /tmp/repo',
    messages: [{ role: 'user', content: `Task id: ${taskId}\n\nspec` }],
  };
  const response = await fetch(`${server!.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const events = parseSseText(await response.text());
  const text = events.map((event) => (event.json?.delta as { text?: string } | undefined)?.text ?? '').join('');
  const tool = events.find((event) => (event.json?.content_block as { type?: string } | undefined)?.type === 'tool_use');
  const stop = events.find((event) => event.event === 'message_delta')?.json?.delta as { stop_reason?: unknown } | undefined;
  return { stopReason: stop?.stop_reason, text, toolName: tool ? String((tool.json?.content_block as { name: string }).name) : null };
}

describe('solver profiles', () => {
  it('names the built-in models and gives every other model the solve-all profile', () => {
    expect(Object.keys(SOLVER_PROFILES).sort()).toEqual([
      'scripted-claude',
      'scripted-claude-glm',
      'scripted-claude-tiny',
      'scripted-codex',
      'scripted-gemini',
      'scripted-glm',
      'scripted-glm-air',
      'scripted-noop',
      'scripted-oracle',
      'scripted-sleepy',
      'scripted-steady',
      'scripted-thrifty',
    ]);
    expect(SOLVER_PROFILES['scripted-thrifty']).toEqual({ solveBelow: 0.6, verbose: false, outputScale: 0.5 });
    expect(selectSolverProfile('claude-sonnet-4-5')).toEqual({ solveBelow: 1, verbose: false, outputScale: 1 });
    expect(selectSolverProfile('constructor')).toEqual(selectSolverProfile(null));
  });

  it('rolls sha256("model|task") first 4 bytes / 2^32, the same every time', () => {
    // sha256("scripted-thrifty|lru-cache-ttl") starts with 0x0ce0791d (checked with sha256sum).
    expect(hashSolveRoll('scripted-thrifty', 'lru-cache-ttl')).toBe(0x0ce0791d / 2 ** 32);
    expect(hashSolveRoll('scripted-thrifty', 'csv-line-parser')).toBe(hashSolveRoll('scripted-thrifty', 'csv-line-parser'));
    expect(hashSolveRoll('scripted-steady', 'csv-line-parser')).not.toBe(hashSolveRoll('scripted-thrifty', 'csv-line-parser'));
  });

  it('makes thrifty solve exactly the real-bank tasks the hash rule says, with both outcomes present; steady solves all', async () => {
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: REAL_BANK } });
    expect(REAL_TASKS.length).toBeGreaterThanOrEqual(2);
    const solved: boolean[] = [];
    for (const taskId of REAL_TASKS) {
      const expected = hashSolveRoll('scripted-thrifty', taskId) < 0.6;
      expect(decideSolves('scripted-thrifty', taskId)).toBe(expected);
      const thrifty = await askRound0('scripted-thrifty', taskId);
      // A Messages client reads a solution file first when it replaces a fixture file, and writes a new one at once.
      const firstTool = firstToolOf(taskId);
      if (expected) expect(thrifty).toMatchObject({ stopReason: 'tool_use', toolName: firstTool });
      else expect(thrifty).toEqual({ stopReason: 'end_turn', toolName: null, text: `I could not finish ${taskId}.` });
      solved.push(thrifty.toolName !== null);
      const steady = await askRound0('scripted-steady', taskId);
      expect(steady).toMatchObject({ stopReason: 'tool_use', toolName: firstTool });
      expect(steady.text).toContain(`Plan for ${taskId}:`);
    }
    expect(solved).toContain(true);
    expect(solved).toContain(false);
  });

  it('gives scripted-claude / -codex / -glm three different solved sets over the real bank, and bar headers only to claude', async () => {
    expect(SOLVER_PROFILES['scripted-codex']).toMatchObject({ solveBelow: 0.7, outputScale: 0.7, barHeaders: false });
    expect(SOLVER_PROFILES['scripted-glm']).toMatchObject({ solveBelow: 0.8, outputScale: 0.8, barHeaders: false });
    expect(SOLVER_PROFILES['scripted-claude']?.barHeaders).toBeUndefined();
    server = await startScriptedServer({ script: getBuiltinScript('hello')!, solver: { tasksDir: REAL_BANK } });
    const solvedBy = (model: string): string[] => REAL_TASKS.filter((taskId) => decideSolves(model, taskId));
    const sets = ['scripted-claude', 'scripted-codex', 'scripted-glm'].map(solvedBy);
    expect(sets[0]).toEqual(REAL_TASKS);
    expect(new Set(sets.map((set) => set.join(','))).size).toBe(3);
    for (const set of sets.slice(1)) expect(set.length).toBeGreaterThan(0);
    // Over HTTP the first answer agrees with the rule: a Read round when solved, an at-once give-up when not.
    for (const taskId of REAL_TASKS) {
      const answer = await askRound0('scripted-glm', taskId);
      expect(answer.toolName !== null).toBe(decideSolves('scripted-glm', taskId));
    }
  });
});
