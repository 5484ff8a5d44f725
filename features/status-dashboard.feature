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
    And stdout has a line matching "^    claude 5h 61% \(\+16\.5 %/h \[\d+\.\d, \d+\.\d\]\); limit in 2\.\d h \(.* to .*\), after the reset at (\d\d-\d\d )?\d\d:\d\dZ$"
    And stdout contains "evil\x1b[2J 5h 40%; resets at"
    And stdout holds no control character but newlines

  Scenario Outline: on a terminal <columns> columns wide every figure is shown whole: long lines wrap, never cut
    # Once a line past the width was cut with "…": at 80 columns the time to the limit was lost.
    # A reset on another UTC day carries its date ("11-26 00:06Z"): CI at 22:06Z failed on the bare clock.
    Given the ledger holds claude quota readings of the 5h bar resetting in 2 hours:
      | minutes ago | used_pct |
      | 60          | 50       |
      | 40          | 55       |
      | 20          | 61       |
    When I run "experiment status --watch --count 1" in a terminal <columns> columns wide
    Then every line of the screen fits in <columns> columns
    And the screen has a line matching "<bar> limit in 2\.\d h \(\d+\.\d h to \d+\.\d h\)"
    And the screen has a line matching "<wrapped>after the reset at (\d\d-\d\d )?\d\d:\d\dZ$"

    Examples:
      | columns | bar                                                          | wrapped                |
      | 80      | ^    claude 5h 61% \(\+16\.5 %/h \[\d+\.\d, \d+\.\d\]\); | ^ {6}                  |
      | 200     | ^    claude 5h 61% \(\+16\.5 %/h \[\d+\.\d, \d+\.\d\]\); | \(\d+\.\d h to \d+\.\d h\),\s |
