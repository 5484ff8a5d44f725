// Spots, in Codex's `exec --json` events, a shell command that failed because of a sandbox rather than the task.
/**
 * What sandbox set-up failures print: bwrap's own errors ("bwrap: Failed to make / slave: Permission denied",
 * "bwrap: No permissions to create a new namespace", "bwrap: execvp codex-linux-sandbox: No such file or directory";
 * openai/codex#23468, #46246), Codex's helper, Landlock and seccomp. A bare "Operation not permitted" is not enough:
 * a task's own code may print it.
 */
const SANDBOX_ERROR =
  /\bbwrap: |codex-linux-sandbox|\blandlock\b|\bseccomp\b|sandbox (?:denied|error|failed)|failed to (?:create|unshare|set up)[^\n]{0,40}namespace|setting up uid map|uid_map: Operation not permitted/i;

/** The reason (a short quote) when the line is a Codex command item whose output shows a sandbox failure, else null. */
export function findCodexSandboxFailure(line: string): string | null {
  if (!line.includes('command_execution')) return null;
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return null;
  }
  const item = (event as { item?: Record<string, unknown> } | null)?.item;
  if (item?.type !== 'command_execution') return null;
  const output = typeof item.aggregated_output === 'string' ? item.aggregated_output : '';
  const match = SANDBOX_ERROR.exec(output);
  if (!match) return null;
  const lineOfIt = output.split('\n').find((text) => SANDBOX_ERROR.test(text)) ?? match[0];
  return `codex command ${JSON.stringify(String(item.command ?? '').slice(0, 80))} failed in a sandbox: ${lineOfIt.trim().slice(0, 160)}`;
}
