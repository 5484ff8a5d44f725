// Codex command items whose output shows a sandbox failure are spotted; a task's own failures are not.
import { describe, expect, it } from 'vitest';
import { selectCodexSandbox } from './codex-driver.js';
import { findCodexSandboxFailure } from './find-sandbox-failure.js';

const item = (output: string, command = "bash -lc 'touch made.txt'") =>
  JSON.stringify({
    type: 'item.completed',
    item: { id: 'item_1', type: 'command_execution', command, aggregated_output: output, exit_code: 1, status: 'failed' },
  });

describe('findCodexSandboxFailure', () => {
  it.each([
    'bwrap: execvp codex-linux-sandbox: No such file or directory',
    'bwrap: Failed to make / slave: Permission denied',
    'bwrap: No permissions to create a new namespace, likely because the kernel does not allow non-privileged user namespaces',
    'error: landlock ruleset could not be applied',
  ])('flags %s', (output) => {
    expect(findCodexSandboxFailure(item(output))).toMatch(/^codex command "bash -lc 'touch made.txt'" failed in a sandbox: /);
  });

  it("ignores a task's own failure, other events and lines that are not JSON", () => {
    expect(findCodexSandboxFailure(item('chmod: changing permissions of x: Operation not permitted'))).toBeNull();
    expect(findCodexSandboxFailure(item('AssertionError: expected 1 to be 2'))).toBeNull();
    expect(
      findCodexSandboxFailure(
        JSON.stringify({ type: 'item.completed', item: { type: 'agent_message', text: 'bwrap: command_execution' } }),
      ),
    ).toBeNull();
    expect(findCodexSandboxFailure('command_execution bwrap: not json')).toBeNull();
  });
});

describe('selectCodexSandbox', () => {
  it("switches Codex's own sandbox off only inside ours", () => {
    expect(selectCodexSandbox(true)).toBe('danger-full-access');
    expect(selectCodexSandbox(false)).toBe('workspace-write');
  });
});
