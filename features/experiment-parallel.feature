@experiment @multi-agent
Feature: Arms in parallel
  `--parallel N` runs up to N arms at once, each with its own agent id, state and sandbox, sharing one
  ledger; never two arms of one provider, whose bars they would share. The results are those of a
  serial run of the same plan.

  Scenario: A parallel run gives the same results as a serial one
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 11 --only duration-parser,slugify-unicode --no-report --no-stop-rules"
    Then the command succeeds
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 11 --only duration-parser,slugify-unicode --no-report --no-stop-rules --parallel 2 --data-dir parallel"
    Then the command succeeds
    And the data dirs "data" and "parallel" hold the same arms, outcomes, quality, deltas and tokens
    And the windows in "parallel" were finalized by the workers "-w1" and "-w2"
    And in "parallel" two arms of different providers overlapped in time
    And the windows in "data" were all finalized by the worker "-w1"
    And in "data" no two arms overlapped in time

  Scenario: Each arm works in its own sandbox and sees no other arm's files
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 5 --only event-emitter-wildcard,deep-merge-arrays --parallel 2 --keep-sandboxes --sandbox-dir boxes --no-report --no-stop-rules"
    Then the command succeeds
    And every kept sandbox in "boxes" holds the work of exactly one arm
    And "windows.jsonl" has 4 "window" rows

  Scenario: An arm refused because a parallel arm spent the budget records nothing and stays pending
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 1 --parallel 2 --overall-token-budget 9000 --budget-mode block --no-report"
    Then the command succeeds
    # Which check notices first depends on timing: the runner's own count, or the proxy refusing a probe or the agent.
    And stdout has a line matching "^Stopped early: budget (overall is spent|spent)"
    And stdout does not contain "tokens 0 "
    When I run "experiment status"
    Then stdout contains "0 cut short or running"
    And stdout contains "; stopped: budget"
