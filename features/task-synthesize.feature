@runner
Feature: Tasks synthesized from a working repository, run beside imported and built-in ones
  `experiment tasks synthesize` breaks a repository's working code with procedural mutations and keeps each break
  its tests catch as a task: the broken code is the fixture, the original the solution, and the spec a bug report
  from the failing tests. `experiment run` takes several `--tasks` folders, and the plan records how many tasks of
  each origin it holds, which the run and its report say.

  Scenario: A tiny repository gives verified tasks whose specs never show the fix
    Given a git repository "calc" whose node:test suite covers src/calc.js
    When I run "experiment tasks synthesize --repo calc --count 2 --seed 5 --out synth --reruns 1 --no-isolation"
    Then the command succeeds
    And stdout has a line matching "^Synthesized 2 tasks from .*calc at [0-9a-f]{7} into .*synth \(seed \"5\"; \d+ of \d+ mutations examined"
    And stdout has a line matching "^Kept 2 of \d+ examined \(\d+%\) in [0-9.]+ s: [0-9.]+ tasks per minute$"
    # It printed "Run them: experiment run --tasks DIR", which fails without --seed.
    And stdout has a line matching "^Run them: npx experiment run --seed 42 --data-dir .* --tasks .*synth$"
    And every task in "synth" is tagged "synthesized" and its spec names "src/calc.js" without a line the mutation replaced
    When I run "experiment tasks verify --tasks synth --reruns 1 --no-isolation"
    Then the command succeeds
    And stdout contains "2 of 2 tasks verified"
    And stdout has a line matching "^ok .*sim-noop 0, sim-oracle 1$"

  Scenario: The same seed gives the same tasks
    Given a git repository "calc" whose node:test suite covers src/calc.js
    When I run "experiment tasks synthesize --repo calc --count 1 --seed 5 --out first --reruns 1 --no-isolation --json"
    And I run "experiment tasks synthesize --repo calc --count 1 --seed 5 --out second --reruns 1 --no-isolation --json"
    Then the folders "first" and "second" hold the same task ids

  Scenario: A run over three banks says how many tasks of each origin it measured, and so does its report
    Given a task bank "mine" holding the node task "own-task" tagged ""
    And a task bank "imported" holding the node task "imported-task" tagged "imported"
    And a task bank "synthesized" holding the node task "synthesized-task" tagged "synthesized"
    When I run "experiment run --seed 1 --providers sim-steady,sim-thrifty --tasks mine --tasks imported --tasks synthesized --no-stop-rules --isolation none"
    Then the command succeeds
    And stderr contains "Tasks: 3 planned: 1 imported from a repository's history, 1 synthesized by mutation, 1 written by hand."
    And the report says "- Tasks: 3 planned: 1 imported from a repository's history, 1 synthesized by mutation, 1 written by hand."

  Scenario: A task id in two banks is refused, naming both
    Given a task bank "one" holding the node task "same-task" tagged ""
    And a task bank "two" holding the node task "same-task" tagged "imported"
    When I run "experiment run --seed 1 --providers sim-steady,sim-thrifty --tasks one --tasks two --dry-run"
    Then the command fails with "--tasks: task same-task is in two banks, one and two: give each task once"
