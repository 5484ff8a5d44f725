// Tells the sandbox programs' own error lines (the sandbox never started) from what the sandboxed program printed.
import { redactText } from '../../kernel/index.js';

/**
 * The sandbox programs' own error lines: bubblewrap ("bwrap: execvp claude: No such file or directory", "bwrap: Can't
 * mkdir parents for ..."), util-linux's setpriv and unshare (the uid drop and the private mount), and podman's OCI
 * runtime ("Error: crun: executable file `claude` not found in $PATH"). They print before the program inside exists.
 */
const SANDBOX_LINE = /^(?:bwrap|setpriv|unshare): |^Error: .*\b(?:OCI runtime|crun|runc)\b/;

export function isSandboxLine(line: string): boolean {
  return SANDBOX_LINE.test(line.trim());
}

/**
 * The stderr's first line when a sandbox program printed it (it then exited: nothing inside ran), else null. Only the
 * first: what ran inside may print anything later (git quotes the names of files the agent made).
 */
export function findSandboxStart(stderr: string): string | null {
  const first = stderr.split('\n').find((line) => line.trim() !== '');
  return first !== undefined && isSandboxLine(first) ? first.trim() : null;
}

/**
 * The error of a command whose sandbox did not start: an infrastructure failure (the machine's, never the agent's or
 * the commit's), kind `sandbox-start`, so a run names it as such and an import does not blame a toolchain.
 */
export function describeSandboxStart(what: string, line: string): { message: string; kind: 'sandbox-start' } {
  return {
    message: `the sandbox could not start ${what} (an infrastructure failure, not the agent's or the task's): ${redactText(line).slice(0, 200)}; docs/isolation.md says what it hides and binds`,
    kind: 'sandbox-start',
  };
}
