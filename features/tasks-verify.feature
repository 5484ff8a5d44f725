@tasks @runner
Feature: Task banks in several languages, verified before they score anyone
  A task can score an agent only if some of its hidden tests fail on the fixture and pass with the reference
  solution in every rerun (fail_to_pass), and an agent that changes nothing (sim-noop) scores 0 on them while the
  reference solution (sim-oracle) scores 1. `experiment tasks verify` checks this for every task of a bank,
  running each task's own test command (node --test, python3 -m unittest, ...) the way an arm runs it, and exits
  1 if any task fails.
  `experiment run` runs Python tasks like JavaScript ones, and with no --tasks or --only it runs only the
  built-in bank's small default subset.

  Scenario: verify accepts a sound Python task and rejects a task whose tests pass on its fixture
    Given a task bank "bank" holding the Python task "py-shout"
    And the task bank "bank" holds the node task "node-done" whose tests already pass on its fixture
    When I run "experiment tasks verify --tasks bank"
    Then the exit code is 1
    And stdout has a line matching "^ok +py-shout +fail_to_pass 2, pass_to_pass 0; sim-noop 0, sim-oracle 1 \(lists derived here: task.json stores none\)$"
    And stdout has a line matching "^FAILED node-done +fail_to_pass 0, pass_to_pass 1; sim-noop n/a, sim-oracle n/a \(lists derived here: task.json stores none\): no test fails on the fixture and passes on the solution \(1 pass on both, 0 fail on the solution\)$"
    And stdout contains "1 of 2 tasks verified; failed: node-done"
    When I run "experiment tasks verify --tasks bank --only py-shout --json"
    Then the command succeeds
    And stdout contains "\"verified\": 1"
    When I run "experiment tasks verify --tasks bank --only nope"
    Then the command fails with "--only: no task \"nope\" in the bank (it has node-done, py-shout)"

  Scenario: The null agent scores 0 and the oracle 1 on every kind of built-in task, scored by test identity
    When I run "experiment run --seed 7 --providers sim-noop,sim-oracle --only csv-line-parser,py-roman-numerals,ts-json-pointer --no-report"
    Then the command succeeds
    And stdout has a line matching "csv-line-parser +sim-noop +fail +quality 0\.00"
    And stdout has a line matching "py-roman-numerals +sim-oracle +success +quality 1\.00"
    And every window of "sim-noop" scored quality 0 with no fail_to_pass tests passing and resolved no
    And every window of "sim-oracle" scored quality 1 with all fail_to_pass tests passing and resolved yes

  Scenario: list names each task's language and tags
    Given a task bank "bank" holding the Python task "py-shout"
    When I run "experiment tasks list --tasks bank"
    Then the command succeeds
    And stdout has a line matching "^py-shout +python +- +- +-$"
    And stdout contains "1 tasks in bank (python)"

  Scenario: A run over a Python task scores the simulated providers with its unittest summary
    Given a task bank "bank" holding the Python task "py-shout"
    When I run "experiment run --seed 5 --providers sim-steady,sim-thrifty --tasks bank --no-report"
    Then the command succeeds
    And windows.jsonl has 2 windows, one per arm of the plan
    And stdout has a line matching "py-shout +sim-steady +success +quality 1\.00"

  Scenario: With no --tasks and no --only a run plans the built-in default subset, and says so
    When I run "experiment run --seed 42 --dry-run"
    Then the command succeeds
    And stderr contains "tasks: the 10 built-in tasks tagged default (of "
    And stdout contains "40 arms; nothing started"
    When I run "experiment run --seed 42 --dry-run --all-tasks"
    Then the command succeeds
    And stderr does not contain "tagged default"
