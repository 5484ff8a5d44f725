@hardening @isolation
Feature: Arms run isolated
  Model-written code (the agent, and the hidden tests that load what it wrote) runs in a bubblewrap sandbox
  (or a podman container with --isolation podman):
  it can write only its arm folder and a private /tmp, cannot see HOME, /root or the data dir (the ledger),
  and never runs as root (a root runner drops to uid 65534 inside). `--isolation none` is allowed for the
  scripted agent only, and the windows' methodology says the arms ran unisolated. See docs/isolation.md.

  Scenario: A planted hidden test that attacks the machine finds itself isolated, and the arms are still recorded
    Given bubblewrap works on this machine
    And a task bank "hostile-tasks" whose hidden test writes outside its sandbox, reads the data dir and checks its uid
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --tasks hostile-tasks --no-stop-rules --no-report"
    Then the command succeeds
    And windows.jsonl has 2 windows, one per arm of the plan
    And every window has quality 1: the hostile test could not leave its sandbox
    And nothing the hostile test planted exists outside its sandbox
    And every window's methodology says "isolation: bwrap (agent and hidden tests as uid"

  Scenario Outline: An arm sees no data dir, wherever it lies (<isolation>)
    # The sandbox bound the whole package folder back and hid only the run's own data dir, so an arm
    # read the package's ./tracker-data and any other data dir it could reach: other runs' transcripts, diffs, telemetry.
    # Now only the package's runtime files are bound, and every data dir (marked, a copy, or an old unmarked one) is hidden.
    Given <engine> works on this machine
    And a task bank "probing-tasks" whose hidden test probes the data dirs in the package folder and elsewhere
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --tasks probing-tasks --no-stop-rules --no-report --isolation <isolation>"
    Then the command succeeds
    And windows.jsonl has 2 windows, one per arm of the plan
    And every window has quality 1: the hostile test could not leave its sandbox

    Examples:
      | isolation | engine      |
      | bwrap     | bubblewrap  |
      | podman    | podman      |

  Scenario: A link that sandboxed code planted at .git/config never carries the runner's write outside the sandbox
    # The hidden tests (uid 65534) linked .git/config to a root-only file; the root runner then
    # rewrote that file through the link. Now the link is unlinked and the file made anew (O_EXCL), and the runner's
    # git after the agent runs inside the isolation.
    Given bubblewrap works on this machine
    And a task bank "linking-tasks" whose hidden test links .git/config to a root-only file outside its sandbox
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --tasks linking-tasks --no-stop-rules --no-report"
    Then the command succeeds
    And windows.jsonl has 2 windows, one per arm of the plan
    And the root-only file outside the sandbox is unchanged

  Scenario: A sandbox dir inside a private folder (what mktemp -d gives) is still isolated, never run on the host
    # `bwrap`, started as uid 65534, cannot look the arm folder up there; f9e718a fell back to no
    # isolation. The folder is now reached through a private mount of the root runner (docs/isolation.md).
    Given bubblewrap works on this machine
    And a task bank "hostile-tasks" whose hidden test writes outside its sandbox, reads the data dir and checks its uid
    And a private folder "private" in the scenario folder, mode 0700 as mktemp -d makes it
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --tasks hostile-tasks --no-stop-rules --no-report --sandbox-dir private/boxes"
    Then the command succeeds
    And stderr does not contain "UNISOLATED"
    And windows.jsonl has 2 windows, one per arm of the plan
    And every window has quality 1: the hostile test could not leave its sandbox
    And nothing the hostile test planted exists outside its sandbox
    And every window's methodology says "isolation: bwrap (agent and hidden tests as uid"

  Scenario: A data dir below a private folder anywhere does not stop a root run
    # bwrap, started as uid 65534, could not mount a tmpfs below a folder closed to it: every arm of every run stopped
    # (exit 7, "Can't mkdir parents"). That folder already hides its tree; the tmpfs now goes onto it.
    Given bubblewrap works on this machine
    And an old data dir below a private folder in the machine var-tmp, mode 0700 as mktemp -d makes it
    And a task bank "hostile-tasks" whose hidden test writes outside its sandbox, reads the data dir and checks its uid
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --tasks hostile-tasks --no-stop-rules --no-report"
    Then the command succeeds
    And windows.jsonl has 2 windows, one per arm of the plan
    And every window has quality 1: the hostile test could not leave its sandbox

  Scenario: Without a working bubblewrap, a task bank of the user's is refused before its first arm, even for simulated providers
    Given a task bank "hostile-tasks" whose hidden test writes outside its sandbox, reads the data dir and checks its uid
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --tasks hostile-tasks --no-stop-rules --no-report" where bubblewrap cannot start
    Then the command fails with "expected a working bubblewrap to isolate the hidden tests"
    And stderr contains "got: bwrap: No permissions to create a new namespace; install the Debian package bubblewrap, or pass --no-isolation to run them on the host"
    And nothing the hostile test planted exists outside its sandbox
    And the data dir has no "windows.jsonl"

  Scenario: Without a working bubblewrap, the built-in tasks with the simulated agents (the package's own code) run and say so
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --only duration-parser --no-stop-rules --no-report" where bubblewrap cannot start
    Then the command succeeds
    And stderr contains "this package's own code) ran on the host"

  Scenario: Without a working bubblewrap, importing a repository is refused before its first candidate
    Given a JavaScript repository "js-repo" with a known history
    When I run "experiment tasks import --repo js-repo --out bank" where bubblewrap cannot start
    Then the command fails with "expected a working bubblewrap to isolate the hidden tests"
    And the scenario folder has no "bank"

  Scenario: --isolation none runs the scripted agent and the hidden tests on the host, and the methodology says so
    Given a task bank "hostile-tasks" whose hidden test writes outside its sandbox, reads the data dir and checks its uid
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --tasks hostile-tasks --no-stop-rules --no-report --isolation none"
    Then the command succeeds
    And stderr contains "note: isolation: none (UNISOLATED: --isolation none"
    And every window's methodology says "isolation: none (UNISOLATED: --isolation none: the scripted agent and hidden tests ran on the host"
    And every window has quality below 1: the hostile test reached the host

  Scenario: A real agent CLI is never started unisolated without --no-isolation
    When I run "experiment run --seed 3 --providers claude,codex --upstream scripted --isolation none"
    Then the command fails with "expected --no-isolation to run the real claude and codex CLIs unisolated on the host, got --isolation none alone"

  Scenario: A runner killed with SIGKILL takes the sandboxed tests' process tree with it
    Given bubblewrap works on this machine
    And the scenario folder can be searched by the sandbox's user
    And a task bank "sleepy-tasks" whose hidden test runs "sleep 97.25"
    When I start "experiment run --seed 1 --providers sim-steady,sim-thrifty --tasks sleepy-tasks --no-stop-rules --no-report --isolation bwrap" in the background
    And "sleep 97.25" is running, I kill the background run with SIGKILL
    # bwrap's --die-with-parent and the sandbox's own pid namespace.
    Then no "sleep 97.25" is left running after 5 s

  Scenario: A runner killed with SIGKILL takes an unisolated process tree with it
    Given a task bank "sleepy-tasks" whose hidden test runs "sleep 97.5"
    When I start "experiment run --seed 1 --providers sim-steady,sim-thrifty --tasks sleepy-tasks --no-stop-rules --no-report --isolation none" in the background
    And "sleep 97.5" is running, I kill the background run with SIGKILL
    # The watchdog the runner starts beside every agent's and every test run's process group (runner/guard-process-group.ts).
    Then no "sleep 97.5" is left running after 5 s

  Scenario: Under --isolation podman a planted hidden test that attacks the machine finds itself isolated too
    Given podman works on this machine
    And a task bank "hostile-tasks" whose hidden test writes outside its sandbox, reads the data dir and checks its uid
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --tasks hostile-tasks --no-stop-rules --no-report --isolation podman"
    Then the command succeeds
    And windows.jsonl has 2 windows, one per arm of the plan
    And every window has quality 1: the hostile test could not leave its sandbox
    And nothing the hostile test planted exists outside its sandbox
    And every window's methodology says "isolation: podman ("

  Scenario: A runner killed with SIGKILL takes the podman container of its tests with it
    Given podman works on this machine
    And the scenario folder can be searched by the sandbox's user
    And a task bank "sleepy-tasks" whose hidden test runs "sleep 97.75"
    When I start "experiment run --seed 1 --providers sim-steady,sim-thrifty --tasks sleepy-tasks --no-stop-rules --no-report --isolation podman" in the background
    And "sleep 97.75" is running, I kill the background run with SIGKILL
    # conmon keeps a container alive after its podman client dies: the watchdog's `podman rm -f` removes it.
    Then no "sleep 97.75" is left running after 5 s

  Scenario: --isolation docker is refused, naming why
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --isolation docker"
    Then the command fails with "docker runs images only (it has no --rootfs"

  Scenario: A Codex arm whose shell command failed in a sandbox is left pending, never scored as Codex's failure
    # Codex reports success even when its own sandbox kept a command from running (docs/product.md, Codex and bubblewrap).
    Given a provider profile "codex-sandboxed" whose codex reports success though its shell command failed in a sandbox
    When I run "experiment run --seed 5 --providers codex-sandboxed,sim-steady --profiles profiles.json --only ini-parser --no-isolation --no-stop-rules --no-report --json"
    Then the run exits 7 with the "codex-sandboxed" arm pending: no window, and a note naming the sandbox failure
    And windows.jsonl has 1 windows, one per arm of the plan

  Scenario: A provider whose agent CLI cannot start is refused before the first arm, never scored as its failure
    # An arm that could not run is an infrastructure failure; f9e718a scored every such arm "fail 0.00".
    Given bubblewrap works on this machine
    And a provider profile "claude-gone" whose claude CLI is missing
    When I run "experiment run --seed 5 --providers claude-gone,sim-steady --profiles profiles.json --only ini-parser --no-stop-rules --no-report"
    Then the command fails with "expected the claude CLI of provider claude-gone to start"
    And the data dir has no "windows.jsonl"

  Scenario: An agent CLI linked from a folder the sandbox hides (Claude Code's native install) runs in its sandbox and is scored
    # On 8d1aeb7 every arm ended "bwrap: execvp claude: No such file or directory", scored fail 0.00.
    Given bubblewrap works on this machine
    And a provider profile "claude-native" whose claude is a link in a folder the sandbox hides, as the native installer makes it
    When I run "experiment run --seed 5 --providers claude-native,sim-steady --profiles profiles.json --only ini-parser --no-stop-rules --no-report --json"
    Then every arm of "claude-native" started its agent in its sandbox and was scored: a window each

  Scenario: A CLI that answers on the host but not in the arms' sandbox is refused before the first arm, naming the fix
    Given bubblewrap works on this machine
    And a provider profile "claude-wrapped" whose claude is a wrapper that starts a program the sandbox hides
    When I run "experiment run --seed 5 --providers claude-wrapped,sim-steady --profiles profiles.json --only ini-parser --no-stop-rules --no-report"
    Then the exit code is 7
    And the command fails with "answers on the host but not inside the arms' sandbox (bwrap"
    And stderr contains "set the profile's command to that program's file"
    And the data dir has no "windows.jsonl"

  Scenario: An agent that cannot be started in its arm is an infrastructure failure: the run stops, exit 7, nothing scored
    Given bubblewrap works on this machine
    And a provider profile "claude-split" whose claude answers --version itself but starts its agent from a folder the sandbox hides
    When I run "experiment run --seed 5 --providers claude-split,sim-steady --profiles profiles.json --only ini-parser --no-stop-rules --no-report"
    Then the exit code is 7
    And stderr contains "infrastructure failure (claude-split on ini-parser): the agent could not be started (exit 127: "
    And stderr contains "the remaining arms stay pending"
    And windows.jsonl has no window of "claude-split"

  Scenario: A provider whose back end does not answer is refused before the first arm; --keep-going runs the others
    # With no route to the API, the proxy's 502s were scored "fail 0.00" on f9e718a.
    Given a provider profile "sim-offline" whose back end cannot be reached
    When I run "experiment run --seed 5 --providers sim-offline,sim-steady --profiles profiles.json --only ini-parser --no-stop-rules --no-report"
    Then the command fails with "expected the upstream http://127.0.0.1:9 to answer (ECONNREFUSED): no arm was run"
    And the data dir has no "windows.jsonl"
    When I run "experiment run --seed 5 --providers sim-offline,sim-steady --profiles profiles.json --only ini-parser --no-stop-rules --no-report --keep-going"
    Then the exit code is 1
    And stderr contains "note: skipping sim-offline (--keep-going): the upstream http://127.0.0.1:9 did not answer (ECONNREFUSED); its arms stay pending"
    And windows.jsonl has 1 windows, one per arm of the plan
    When I run "experiment status"
    Then the command succeeds
    And stdout contains "infrastructure failure, every remaining arm of sim-offline skipped: the upstream http://127.0.0.1:9 did not answer (ECONNREFUSED); not scored, still pending"
    When I run "experiment report"
    Then the report says "## Not scored: infrastructure failures"
    And the report says "- every remaining arm of sim-offline: the upstream http://127.0.0.1:9 did not answer (ECONNREFUSED)"
