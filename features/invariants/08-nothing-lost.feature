@invariant
Feature: Invariant 8 — nothing is lost
  Concurrent writers never lose, duplicate or tear a row; a torn tail left by a killed writer is
  detected, reported and repaired without touching complete rows.

  @spawn
  Scenario: four agents capturing at the same time lose nothing
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 10}}
      """
    And a file "after.json" containing:
      """
      {"five_hour": {"used_pct": 14}}
      """
    When 4 agents each capture 5 windows of "claude" at the same time
    Then every capture succeeded
    And "snapshots.jsonl" has 40 rows
    And every line of "snapshots.jsonl" is a whole JSON row with a distinct id
    And each of the 4 agents has 5 windows with a before and an after

  @files-only
  Scenario: a torn last line is repaired and reported, complete rows untouched
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 10}}
      """
    And agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And "snapshots.jsonl" ends with a torn row "{\"id\":\"0199-torn\",\"kind\":\"snaps"
    And I note the bytes of every ledger file
    When I run "preview"
    Then the command succeeds
    And stderr contains "note: repaired a torn last line of snapshots.jsonl"
    And stdout contains "Anomalies: 1 (see anomalies.jsonl)"
    And the first 1 lines of "snapshots.jsonl" are unchanged
    And "snapshots.jsonl" has 1 row
    And "anomalies.jsonl" has an anomaly "torn-tail"
    And a reject is kept with a reason containing "torn tail of snapshots.jsonl"

  @files-only
  Scenario: a capture after a torn tail lands on its own line
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 10}}
      """
    And agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And "snapshots.jsonl" ends with a torn row "{\"id\":\"0199-torn\",\"ki"
    When agent "b" records a before for "claude" from "before.json" at "2026-11-20T10:00:30Z"
    Then the command succeeds
    And "snapshots.jsonl" has 2 rows
    And every line of "snapshots.jsonl" is a whole JSON row with a distinct id
    And "anomalies.jsonl" has an anomaly "torn-tail"

  Scenario: a row that does not match its schema is named, not fatal
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 10}}
      """
    And agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And a line is appended to "snapshots.jsonl" by hand:
      """
      {"id": "x1", "kind": "snapshot", "agent_id": "main", "provider": "claude", "phase": "sideways"}
      """
    When agent "main" records an after for "claude" from "before.json" at "2026-11-20T11:00:00Z"
    Then the command succeeds
    And stderr contains "note: ignored snapshots.jsonl:2, which does not match its schema"
