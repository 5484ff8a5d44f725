@invariant
Feature: Invariant 5 — one before and one after per provider, window and agent
  A second before is refused until the first is undone with a retraction row.

  Background:
    Given a file "reading.json" containing:
      """
      {"five_hour": {"used_pct": 20}, "weekly": {"used_pct": 5}}
      """
    And a file "later.json" containing:
      """
      {"five_hour": {"used_pct": 35}, "weekly": {"used_pct": 7}}
      """
    And agent "main" has recorded a before for "claude" from "reading.json" at "2026-11-20T10:00:00Z"

  Scenario: a second before is refused, then accepted after undo
    When agent "main" records a before for "claude" from "reading.json" at "2026-11-20T10:01:00Z"
    Then the command fails with "already has a before in window claude-20261120-1000"
    And "snapshots.jsonl" has 1 row
    When agent "main" runs "undo --provider claude"
    Then the command succeeds
    And stdout contains "Retracted the before of claude in window claude-20261120-1000"
    When agent "main" records a before for "claude" from "reading.json" at "2026-11-20T10:02:00Z"
    Then the command succeeds
    And "snapshots.jsonl" has 3 rows
    And row 1 of "snapshots.jsonl" is retracted by row 2
    And row 1 of "snapshots.jsonl" has "phase" = "\"before\""

  Scenario: a second after is refused until undone
    Given agent "main" has recorded an after for "claude" from "later.json" at "2026-11-20T11:00:00Z"
    When agent "main" records an after for "claude" from "later.json" at "2026-11-20T11:01:00Z"
    Then the command fails with "already has an after"
    When agent "main" runs "undo --provider claude"
    Then the command succeeds
    And stdout contains "Retracted the after of claude"
    When agent "main" records an after for "claude" from "later.json" at "2026-11-20T11:02:00Z"
    Then the command succeeds
    And stdout contains "Capacity delta: 15% of the 5h window"

  Scenario: naming the same window twice is refused too
    When agent "main" runs "snapshot before --provider claude --window claude-20261120-1000 --input reading.json"
    Then the command fails with "already has a before in window claude-20261120-1000"

  Scenario: an after without a before is refused
    When agent "main" records an after for "codex" from "later.json" at "2026-11-20T11:00:00Z"
    Then the command fails with "no open window for provider codex (agent main): record a before first"

  Scenario: a completed window is closed to undo
    Given agent "main" has recorded an after for "claude" from "later.json" at "2026-11-20T11:00:00Z"
    And agent "main" has run "complete --provider claude --quality 1 --outcome success"
    When agent "main" runs "undo --provider claude --window claude-20261120-1000"
    Then the command fails with "is completed; undo retracts only captures of open windows"

  Scenario: complete finds the window awaiting completion while a newer one is open
    Given agent "main" has recorded an after for "claude" from "later.json" at "2026-11-20T11:00:00Z"
    And agent "main" has recorded a before for "claude" from "reading.json" at "2026-11-20T12:00:00Z"
    When agent "main" runs "complete --provider claude --quality 1 --outcome success"
    Then the command succeeds
    And stdout contains "Completed window claude-20261120-1000"
    When agent "main" runs "complete --provider claude --quality 1 --outcome success"
    Then the command fails with "window claude-20261120-1200 of provider claude (agent main) has no after yet"

  Scenario: the undo hint names a non-default agent
    Given agent "sub1" has recorded a before for "claude" from "reading.json" at "2026-11-20T10:00:00Z"
    When agent "sub1" records a before for "claude" from "reading.json" at "2026-11-20T10:01:00Z"
    Then the command fails with "tracker undo --provider claude --window claude-20261120-1000 --agent sub1"

  Scenario: a before that names a new window is refused while another window is open
    When agent "main" runs "snapshot before --provider claude --window second --input reading.json --at 2026-11-20T10:05:00Z"
    Then the command fails with "already has a before in window claude-20261120-1000"
    And "snapshots.jsonl" has 1 row
