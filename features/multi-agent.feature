@multi-agent
Feature: Several agents measure at once without stepping on each other
  Each agent has its own state under state/<agent_id>/; rows from all agents land in the same ledger.

  Background:
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 20}}
      """
    And a file "after-a.json" containing:
      """
      {"five_hour": {"used_pct": 30}}
      """
    And a file "after-b.json" containing:
      """
      {"five_hour": {"used_pct": 26}}
      """

  Scenario: agents A and B record a before for the same provider in the same minute
    Given agent "A" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:05Z"
    And I note the bytes of every ledger file
    When agent "B" records a before for "claude" from "before.json" at "2026-11-20T10:00:40Z"
    Then the command succeeds
    And the first 1 lines of "snapshots.jsonl" are unchanged
    And "snapshots.jsonl" has 2 rows
    And row 1 of "snapshots.jsonl" has "agent_id" = "\"A\""
    And row 2 of "snapshots.jsonl" has "agent_id" = "\"B\""
    And agent "A" has its own state saying window "claude-20261120-1000" is at "before"
    And agent "B" has its own state saying window "claude-20261120-1000" is at "before"
    Given agent "A" has recorded an after for "claude" from "after-a.json" at "2026-11-20T11:00:00Z"
    And agent "B" has recorded an after for "claude" from "after-b.json" at "2026-11-20T11:00:30Z"
    When I run "preview"
    Then stdout has a line matching "^  A +claude +claude-20261120-1000 +20% +30% +10%"
    And stdout has a line matching "^  B +claude +claude-20261120-1000 +20% +26% +6%"

  Scenario: one agent's undo does not touch the other's window
    Given agent "A" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:05Z"
    And agent "B" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:40Z"
    When agent "B" runs "undo --provider claude"
    Then the command succeeds
    And row 2 of "snapshots.jsonl" is retracted by row 3
    When agent "A" records an after for "claude" from "after-a.json" at "2026-11-20T11:00:00Z"
    Then the command succeeds
    And stdout contains "Capacity delta: 10% of the 5h window"
    When agent "B" records an after for "claude" from "after-b.json" at "2026-11-20T11:00:00Z"
    Then the command fails with "no open window for provider claude (agent B)"

  Scenario: windows of two agents on one provider that overlap in time are flagged, not hidden
    Given agent "A" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And agent "B" has recorded a before for "claude" from "before.json" at "2026-11-20T10:30:00Z"
    When agent "A" records an after for "claude" from "after-a.json" at "2026-11-20T11:00:00Z"
    Then the command succeeds
    And stderr contains "anomaly overlapping-windows: other agents measured claude at the same time (B/claude-20261120-1030)"
    And "anomalies.jsonl" has an anomaly "overlapping-windows"
    And stdout contains "Capacity delta: 10% of the 5h window"

  Scenario: a later window of another agent does not count as an overlap
    Given agent "A" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And agent "A" has recorded an after for "claude" from "after-a.json" at "2026-11-20T11:00:00Z"
    And agent "B" has recorded a before for "claude" from "before.json" at "2026-11-20T11:30:00Z"
    When agent "B" records an after for "claude" from "after-b.json" at "2026-11-20T12:00:00Z"
    Then the command succeeds
    And stderr does not contain "overlapping-windows"

  Scenario: a damaged per-agent state file never fails a capture that was recorded
    Given agent "A" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And a file "data/state/A/windows.json" containing:
      """
      {oops
      """
    When agent "A" records an after for "claude" from "after-a.json" at "2026-11-20T11:00:00Z"
    Then the command succeeds
    And "snapshots.jsonl" has 2 rows
    And agent "A" has its own state saying window "claude-20261120-1000" is at "after"

  Scenario: a state directory that cannot be written is a note, and the row stands
    Given agent "A" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And the state directory of agent "A" is replaced by a file
    When agent "A" records an after for "claude" from "after-a.json" at "2026-11-20T11:00:00Z"
    Then the command succeeds
    And stderr contains "note: recorded, but could not update state/A/windows.json"
    And "snapshots.jsonl" has 2 rows
