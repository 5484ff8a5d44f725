// An agent that never started is told apart from one that ran and failed.
import { describe, expect, it } from 'vitest';
import type { AgentResult } from '../budget/run-agent-with-budget.js';
import { findLaunchFailure } from './find-launch-failure.js';

const ZERO = { input: 0, output: 0, cache_read: 0, cache_creation: 0 };
const ended = (exitCode: number | null, stderrTail: string, outcome: AgentResult['outcome'] = 'fail'): AgentResult => ({
  outcome,
  exitCode,
  signal: null,
  usage: ZERO,
  events: [],
  stoppedBy: null,
  stderrTail,
});

describe('findLaunchFailure', () => {
  it('names what bubblewrap, setpriv or podman printed when the program could not be started', () => {
    expect(findLaunchFailure(ended(1, 'bwrap: execvp claude: No such file or directory'), 0)).toMatch(
      /^the agent could not be started \(exit 1: bwrap: execvp claude: No such file or directory;/,
    );
    expect(findLaunchFailure(ended(127, 'setpriv: failed to execute bwrap: No such file or directory'), 0)).toMatch(/setpriv: failed/);
    const podman =
      'Error: crun: executable file `claude` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found';
    expect(findLaunchFailure(ended(127, podman), 0)).toMatch(/exit 127: Error: crun/);
  });

  it('exit 126 or 127 with nothing printed is a missing program or interpreter', () => {
    expect(findLaunchFailure(ended(127, "/usr/bin/env: 'node': No such file or directory"), 0)).toMatch(
      /exit 127: \/usr\/bin\/env: 'node': No such file/,
    );
    expect(findLaunchFailure(ended(126, ''), 0)).toMatch(/exit 126: nothing on stderr/);
  });

  it('an agent that printed an event, succeeded, was stopped or failed otherwise is not a launch failure', () => {
    expect(findLaunchFailure(ended(127, 'bwrap: execvp claude: No such file or directory'), 1)).toBeNull();
    expect(findLaunchFailure(ended(1, 'Error: invalid API key'), 0)).toBeNull();
    expect(findLaunchFailure(ended(0, '', 'success'), 0)).toBeNull();
    expect(findLaunchFailure(ended(null, 'bwrap: execvp claude', 'timed-out'), 0)).toBeNull();
    // A CLI's own line quoting bwrap mid-text (Codex relaying its sandbox) does not start with the program's name.
    expect(findLaunchFailure(ended(1, 'codex: command failed: bwrap: No permissions'), 0)).toBeNull();
  });

  it('redacts a key a wrapper echoed before it failed', () => {
    const said = findLaunchFailure(ended(127, 'exec: ANTHROPIC_API_KEY=sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789: not found'), 0);
    expect(said).not.toContain('abcdefghijklmnop');
  });
});
