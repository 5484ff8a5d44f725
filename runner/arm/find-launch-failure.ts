// Tells an agent that never started (the sandbox, a missing program or interpreter) from one that ran and failed.
import { redactText } from '../../kernel/index.js';
import type { AgentResult } from '../budget/run-agent-with-budget.js';
import { isSandboxLine } from '../isolation/find-sandbox-line.js';

/**
 * Exit codes that mean "could not run the program" in POSIX shells and env(1) (126 not executable, 127 not found: a
 * wrapper's missing target, `#!/usr/bin/env node` without node) and podman run (125, podman itself failed; 126, 127).
 */
const CANNOT_RUN_EXITS = new Set([125, 126, 127]);

/**
 * The reason when the agent process ended on its own before printing a single line of its event stream and what it
 * left on stderr says it never started; else null. A CLI that started always prints its first event (Claude Code's
 * `system` init, Codex's `thread.started`) before it can fail for the task's or the provider's sake.
 */
export function findLaunchFailure(agent: AgentResult, printedLines: number): string | null {
  if (printedLines > 0 || agent.outcome !== 'fail' || agent.exitCode === null) return null;
  const lines = agent.stderrTail.split('\n').map((line) => line.trim());
  const sandboxLine = lines.find(isSandboxLine);
  if (sandboxLine === undefined && !CANNOT_RUN_EXITS.has(agent.exitCode)) return null;
  const said = sandboxLine ?? lines.filter(Boolean).at(-1) ?? 'nothing on stderr';
  return `the agent could not be started (exit ${agent.exitCode}: ${redactText(said).slice(0, 200)}; docs/isolation.md says what the sandbox hides and binds)`;
}
