// Turns a solver turn into the step the existing builders play: a Write / exec_command / write_file tool call, or a final text.
import { posix } from 'node:path';
import { findProtocolVendor } from '../../ledger/vocabulary/index.js';
import type { ModelApi } from '../inspect-request.js';
import type { Step } from '../script-schema.js';
import { buildWriteCommand } from './build-write-command.js';
import type { SolverTurn } from './decide-solver-turn.js';
import type { SolverProfile } from './solver-profiles.js';

/**
 * The step for a turn, without usage. Messages: Claude Code's `Write` {file_path: <cwd>/<rel>, content}; Responses:
 * Codex's `exec_command` {cmd, workdir} (sent as `shell` to a client that offers only that). Inputs hold no
 * `{{cwd}}` template: the working directory is already filled in. Gemini: Gemini CLI's `write_file` {file_path, content}.
 */
export function buildSolverStep(turn: SolverTurn, api: ModelApi, profile: SolverProfile, cwd: string): Step {
  const step = buildStep(turn, api, profile, cwd);
  return profile.delayMs ? { ...step, chunk_delay_ms: profile.delayMs } : step;
}

function buildStep(turn: SolverTurn, api: ModelApi, profile: SolverProfile, cwd: string): Step {
  const text = withPlan(describeTurn(turn), turn, profile);
  if (turn.kind === 'delegate') {
    // Claude Code's Agent tool with a model override: the sub-agent's requests ask for the haiku tier, which a proxy may route elsewhere.
    const input = {
      description: 'Survey the repository',
      prompt: 'List the files of this repository and say in one sentence what they hold.',
      subagent_type: 'general-purpose',
      model: 'haiku',
      run_in_background: false,
    };
    return { type: 'tool_use', text, name: 'Agent', input, events: 1 };
  }
  if (turn.kind === 'read')
    return { type: 'tool_use', text, name: 'Read', input: { file_path: posix.join(cwd, turn.file.rel) }, events: 1 };
  if (turn.kind !== 'write') return { type: 'text', text, events: countEvents(text.length, 48, 24) };
  const { rel, content } = turn.file;
  if (findProtocolVendor(api) === 'google') {
    // Gemini CLI's write_file {file_path, content} makes the missing folders itself (0.61.0, seen on loopback).
    const input = { file_path: posix.join(cwd, rel), content };
    return { type: 'tool_use', text, name: 'write_file', input, events: countEvents(JSON.stringify(input).length, 512, 64) };
  }
  const write = { name: 'Write', input: { file_path: posix.join(cwd, rel), content } };
  const exec = { name: 'exec_command', input: { cmd: buildWriteCommand(rel, content), workdir: cwd } };
  const call = api === 'anthropic-messages' ? write : exec;
  return { type: 'tool_use', text, ...write, responses: exec, events: countEvents(JSON.stringify(call.input).length, 512, 64) };
}

/** The one sentence every profile says. */
export function describeTurn(turn: SolverTurn): string {
  switch (turn.kind) {
    case 'write':
      return `Writing ${turn.file.rel} (file ${turn.files.indexOf(turn.file) + 1} of ${turn.files.length}).`;
    case 'read':
      return `Reading ${turn.file.rel} before replacing it.`;
    case 'delegate':
      return `Asking a sub-agent to survey the repository for ${turn.taskId} first.`;
    case 'done':
      return `Implemented ${turn.taskId}: wrote ${turn.files.length} files.`;
    case 'gave_up':
      return `I could not finish ${turn.taskId}.`;
    case 'no_task':
      return 'No task id found in the request: expected a line "Task id: <id>" in the prompt, so there is no task to solve.';
    case 'unknown_task':
      return `Unknown task ${turn.taskId}: the task bank has no solution for it, so there is no task to solve.`;
  }
}

/** Verbose profiles add a planning paragraph after the sentence. */
function withPlan(sentence: string, turn: SolverTurn, profile: SolverProfile): string {
  if (!profile.verbose) return sentence;
  if (turn.kind === 'write' || turn.kind === 'read' || turn.kind === 'done') {
    const list = turn.files.map((file) => file.rel).join(', ');
    return `${sentence}\n\nPlan for ${turn.taskId}: read the spec and the starting code, then write the ${turn.files.length} solution file(s) in order (${list}), one tool call per file, each replacing the whole file so no half-edited state is left behind, and finish with a short summary once the last one is written.`;
  }
  return `${sentence}\n\nPlan: find the task named in the prompt, read its spec and starting code, write the files it needs one tool call at a time, and stop with a summary; without a task there is nothing to plan.`;
}

/** About one delta event per `per` characters, between 1 and `max`. */
function countEvents(characters: number, per: number, max: number): number {
  return Math.min(max, Math.max(1, Math.ceil(characters / per)));
}
