@experiment @runner
Feature: Every arm leaves its evidence
  A viewer shows why an arm failed from files the run leaves per arm under evidence/<window_id>/: the agent's
  turns as the proxy saw them, the diff it made against the fixture, the hidden tests' per-test results and
  output, and a summary of the arm (docs/data-format.md).

  Scenario: A simulated run keeps each arm's turns, diff, tests and summary
    When I run "experiment run --seed 42 --providers sim-steady,sim-thrifty --only lru-cache-ttl --no-report"
    Then the command succeeds
    And every window of the run has its evidence: turns, a diff, per-test results and a summary
