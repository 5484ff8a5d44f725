@experiment
Feature: A compact terminal dashboard of a run
  `experiment status --watch` shows each run's progress with an ETA, the last arms, and every subscription's bar
  with its burn rate and time to the limit; it waits for a run when none has started, and prints the whole verdict
  only when the run has ended. Text from the ledger reaches the terminal escaped.

  Scenario: with no run yet it waits instead of exiting, and says so once
    When I run "experiment status --watch --count 2 --every 1s"
    Then the command succeeds
    And stdout has 2 lines
    And stdout has a line matching "^waiting for a run in /.+/data \.\.\. Ctrl-C to stop$"
    And stdout contains "No experiment plans recorded yet: start one with"

  Scenario: the bars show their burn and time to the limit, and a provider name from the ledger is escaped
    Given the ledger holds claude quota readings of the 5h bar resetting in 2 hours:
      | minutes ago | used_pct |
      | 60          | 50       |
      | 40          | 55       |
      | 20          | 61       |
    And a reading from a minute ago of a 5h bar at 40% whose provider is "evil\u001b[2J"
    When I run "experiment status --watch --count 1"
    Then the command succeeds
    And stdout has a line matching "^    claude 5h 61% \(\+16\.5 %/h \[\d+\.\d, \d+\.\d\]\); limit in 2\.\d h \(.* to .*\), after the reset at \d\d:\d\dZ$"
    And stdout contains "evil\x1b[2J 5h 40%; resets at"
    And stdout holds no control character but newlines
