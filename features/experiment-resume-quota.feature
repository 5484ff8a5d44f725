@experiment @runner @spawn
Feature: A resumed run is the run it resumes
  The simulated subscriptions' quota (units charged per account, and when their periods began) is kept in the
  run's data dir, so a killed run resumed with the same command goes on with the bars where the ledger left
  them: the arms it had finished, and nothing of the arm it was cut short in (that arm is retracted and redone).
  Killed at any point, however often, the resumed run measures what an uninterrupted run measures.

  Scenario: The seed-42 run killed five times and resumed measures every arm and prices every provider as an uninterrupted run
    When I run "experiment run --seed 42 --data-dir whole"
    Then the command succeeds
    When I start "experiment run --seed 42" in the background
    And the background run has started arm 3, I kill it with SIGKILL
    When I start "experiment run --seed 42" in the background
    And I kill the background run with SIGKILL after arm 10's after snapshot, before its window
    When I start "experiment run --seed 42" in the background
    And I kill the background run with SIGKILL after arm 17's window is finalized
    When I start "experiment run --seed 42" in the background
    And I kill the background run with SIGKILL after arm 24's after snapshot, before its window
    When I start "experiment run --seed 42" in the background
    And the background run has started arm 31, I kill it with SIGKILL
    When I run "experiment run --seed 42"
    Then the command succeeds
    And stdout has a line matching "40/40 arms done \(\d+ this run, \d+ before\)"
    And windows.jsonl has 40 windows, one per arm of the plan
    And the data dirs "whole" and "data" measured every arm with the same bars, outcome and quality
    And the reports in "whole" and "data" give every provider the same "capacity used"
    And the reports in "whole" and "data" give every provider the same "$ of subscription"
