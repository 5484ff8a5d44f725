@postgres @team
Feature: One PostgreSQL ledger for a team
  Several machines write one ledger in PostgreSQL (`--ledger` or TRACKER_LEDGER_URL); each keeps its own data
  directory for local state. The database enforces what the files' lock did: one before per window, appends only,
  each row once. docs/team.md

  Background:
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 10}}
      """
    And a file "after.json" containing:
      """
      {"five_hour": {"used_pct": 14}}
      """

  @spawn
  Scenario: two machines racing for the same window: exactly one before is recorded
    When 2 machines with their own data directories record a before for "claude" as agent "main" at the same time
    Then exactly 1 of the machines succeeded and the others failed with "already has a before in window"
    And "snapshots.jsonl" has 1 row

  @spawn
  Scenario: eight machines writing at once lose nothing
    When 8 machines with their own data directories each capture 3 windows of "claude" at the same time
    Then every capture succeeded
    And "snapshots.jsonl" has 48 rows
    And every line of "snapshots.jsonl" is a whole JSON row with a distinct id

  Scenario: a data directory pushed twice adds nothing, and exports back equal
    Given a JSONL data directory "laptop" where agent "main" captured 3 windows of "claude"
    When I run "ledger push --data-dir laptop --to env:TRACKER_LEDGER_URL"
    Then the command succeeds
    And stdout contains "rows added"
    When I run "ledger push --data-dir laptop --to env:TRACKER_LEDGER_URL --json"
    Then the command succeeds
    And the push added 0 rows
    When I run "ledger export --to exported"
    Then the command succeeds
    And every ledger file of "laptop" equals the one in "exported"

  Scenario: an export never writes over files
    When I run "ledger export --to ."
    Then the command fails with "the export directory is not empty"

  Scenario: a database without the schema names the command that makes it
    Given a PostgreSQL database without the ledger schema
    When agent "main" runs "snapshot before --provider claude --input before.json"
    Then the command fails with "run tracker ledger migrate"
    When I run "ledger migrate"
    Then the command succeeds
    And stdout contains "Schema at version 2"
    When agent "main" runs "snapshot before --provider claude --input before.json"
    Then the command succeeds

  Scenario: the status names the backend and hides the password
    When I run "ledger status"
    Then the command succeeds
    And stdout contains "Ledger: PostgreSQL postgres://tracker@localhost/"

  Scenario: a proxy writes its rows to PostgreSQL before each answer ends, so SIGKILL loses none
    Given a scripted model server "main" playing "hello"
    And a proxy I can kill, with upstream "main"
    When clients stream 30 messages through it, one after another
    And the proxy is killed with SIGKILL
    Then "proxy_telemetry.jsonl" has 30 "proxy-request" rows, each trace once
    And the data directory holds no "proxy_telemetry.jsonl" of its own

  Scenario: three workers finish a queued 40-arm plan with each arm once, though workers are killed mid-arm
    When I run "experiment run --seed 40 --queue"
    Then the command succeeds
    And stdout contains "40 arms"
    When 3 workers on their own machines run the queue while one of them is killed with SIGKILL 4 times, seed "kills-1"
    Then every arm of the queued plan has exactly one window

  Scenario: a worker frozen past its lease wakes to find its arm taken over, and adds no second window
    When I run "experiment run --seed 44 --only ini-parser --queue"
    Then the command succeeds
    When a worker is frozen right after claiming an arm, until its lease has run out and another worker has run that arm
    Then the woken worker says another worker took its arm, records no window for it, and exits 0
    And the queued plan has one live window for each done arm and no open capture

  Scenario: a plan queued twice is queued once
    When I run "experiment run --seed 41 --only ini-parser --queue"
    And I run "experiment run --seed 41 --only ini-parser --queue"
    Then the command succeeds
    And stdout contains "was queued already; nothing added"

  Scenario: a worker without a PostgreSQL ledger says what it needs
    When I run "experiment worker" without a PostgreSQL ledger
    Then the command fails with "a worker needs a PostgreSQL ledger"

  Scenario: a data directory used with PostgreSQL never starts a second, local ledger
    Given agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    When I run "preview" without a PostgreSQL ledger
    Then the command fails with "this data directory keeps its ledger in PostgreSQL"
    And the data directory holds no "snapshots.jsonl" of its own

  Scenario: refused input is kept in the data directory and in the team's database
    Given agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    When agent "main" runs "snapshot before --provider claude --input before.json"
    Then the command fails with "already has a before in window"
    And a reject is kept with a reason containing "already has a before"
    And the database keeps 1 reject

  @hardening
  Scenario: the application role gets what it is said to get: no UPDATE of a queued plan's settings
    # Commit f9e718a printed "INSERT and SELECT only" and granted UPDATE on the whole queue.
    Given an application role for this database
    When I run "experiment run --seed 45 --only ini-parser --providers sim-steady,sim-thrifty --queue"
    Then the command succeeds
    When I grant the application role with "ledger migrate"
    Then the command succeeds
    And stdout contains "UPDATE only of an arm's claim columns and a plan's stop reason (never a plan's settings)"
    And the application role cannot change a queued plan's settings
    And the application role can still renew an arm's lease

  @hardening
  Scenario: a worker takes isolation and network access from its own command line, never from the queue
    Given bubblewrap works on this machine
    When I run "experiment run --seed 46 --only ini-parser --providers sim-steady,sim-thrifty --queue"
    Then the command succeeds
    When someone with write access to the queue sets its plan's settings "{\"isolation\": \"none\", \"setupNetwork\": true}"
    And I run "experiment worker"
    Then the command succeeds
    And stderr contains "isolation=\"none\", setupNetwork=true: ignored; isolation, network access and sandbox paths come from this worker's own command line"
    And stderr contains "; isolation: bwrap (agent and hidden tests"
    And every window of the queued plan says "isolation: bwrap (agent and hidden tests"

  @hardening
  Scenario: a worker that loses the database mid-arm tries again for a while, then ends with one line and leaves no sandbox
    # Commit f9e718a died with "Unhandled 'error' event ... Connection terminated unexpectedly" and left
    # its arm sandbox behind.
    Given bubblewrap works on this machine
    And a task bank "sleepy-tasks" whose hidden test runs "sleep 4.25"
    When I run "experiment run --seed 48 --providers sim-steady,sim-thrifty --tasks sleepy-tasks --no-stop-rules --queue"
    Then the command succeeds
    When a worker runs the queue with "--db-retry-s 3 --sandbox-dir boxes", and once "sleep 4.25" runs the database drops it and refuses new connections
    Then the worker ends with one line saying it could not reconnect, and no stack
    And the folder "boxes" holds no arm sandbox

  @hardening
  Scenario: every file flag is queued as an absolute path, so a worker started in another folder reads the same files
    # On 43e3261 --prices and --budget-config were queued as typed, and a worker started in another
    # folder exited 5 ("prices.json: cannot read the file: ENOENT") after claiming an arm.
    Given a file "prices.json" containing:
      """
      {"models": {}}
      """
    And a file "budgets.json" containing:
      """
      {"overall": 100000000}
      """
    When I run "experiment run --seed 55 --only ini-parser --providers sim-steady,sim-thrifty --prices prices.json --budget-config budgets.json --queue"
    Then the command succeeds
    And the queued plan's "prices" is the absolute path of "prices.json"
    And the queued plan's "budgetConfig" is the absolute path of "budgets.json"
    When I run "experiment worker" from the folder "elsewhere"
    Then the command succeeds
    And every arm of the queued plan has exactly one window

  @hardening
  Scenario Outline: a plan a worker cannot set up is handed back and skipped, its file named and never quoted, and the next plan runs
    # On 43e3261 the worker claimed an arm of the older plan it could not read, exited 5 before the
    # good plan, and printed the first 10 characters of the file (JSON.parse's message); each restart claimed one more arm.
    Given a file "secret.json" containing:
      """
      TOPSECRET-4f1c, not JSON at all
      """
    When I run "experiment run --seed 53 --only ini-parser --providers sim-steady,sim-thrifty --queue"
    And I run "experiment run --seed 54 --only ini-parser --providers sim-steady,sim-thrifty --queue"
    And someone with write access to the queue points the oldest plan's "<setting>" at "<file>"
    And I run "experiment worker"
    Then the worker exits 1, having skipped a plan: "cannot be set up on this machine: <flag> "
    And stderr contains "<file>: <finding>; skipped it and handed arm"
    And nothing the worker printed quotes "TOPSECRET"
    And the oldest queued plan's arms are all pending, and the other plan's are all done
    When I run "experiment worker"
    Then the worker exits 1, having skipped a plan: "cannot be set up on this machine: <flag> "
    And the oldest queued plan's arms are all pending, and the other plan's are all done

    Examples:
      | setting      | flag            | file         | finding                                                                                     |
      | prices       | --prices        | secret.json  | a file this worker can read but cannot use as this flag's input (its content is not shown)  |
      | budgetConfig | --budget-config | missing.json | no such file or folder on this machine                                                      |

  @hardening
  Scenario: a worker taking over an arm after a database restart settles what the lost attempt left, while its worker retracts it too
    # Two workers, the cluster crash-restarted twice; on 43e3261 the worker taking over exited 5 with
    # "window ...-a001-sim-claude ... has no after: nothing to undo": between its reading the attempt's captures and
    # retracting them, the worker that had lost the arm retracted them itself. The ledger's file locks, held here,
    # put the two workers' steps in exactly that order.
    Given bubblewrap works on this machine
    And a task bank "sleepy-tasks" whose hidden test runs "sleep 8"
    When I run "experiment run --seed 49 --providers sim-steady,sim-thrifty --tasks sleepy-tasks --no-stop-rules --queue"
    Then the command succeeds
    When a worker's database crash-restarts while "sleep 8" runs, and the worker is held at its arm's completion until its lease has run out
    And another worker takes that arm over while the first worker retracts the arm's captures
    Then both workers exit 0, the second having run the arm on its second claim
    And every arm of the queued plan has exactly one window
    And the queued plan has one live window for each done arm and no open capture
