@multi-agent
Feature: Shell shortcuts for manual capture
  scripts/tracker-aliases.sh gives each provider a prefix (o = codex, c = claude, z = glm) and passes
  AGENT_ID through, so each terminal can measure as its own agent.

  Scenario: a full window through the shortcuts, as agent sub1
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 12}}
      """
    And a file "after.json" containing:
      """
      {"five_hour": {"used_pct": 20}}
      """
    When I run in bash with AGENT_ID "sub1": "os before.json --at 2026-11-20T10:00:00Z && oe after.json --at 2026-11-20T11:00:00Z && oe_d && oe after.json --at 2026-11-20T11:01:00Z && ox 0.5 partial F3"
    Then the command succeeds
    And row 1 of "snapshots.jsonl" has "source" = "\"alias\""
    And row 1 of "snapshots.jsonl" has "agent_id" = "\"sub1\""
    And row 2 of "snapshots.jsonl" is retracted by row 3
    And row 1 of "windows.jsonl" has "feature_id" = "\"F3\""
    And row 1 of "windows.jsonl" has "capacity.delta" = "8"
    And agent "sub1" has its own state saying window "codex-20261120-1000" is at "complete"

  Scenario: AGENT_ID defaults to main
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 12}}
      """
    When I run in bash without AGENT_ID: "cs before.json && echo agent=$AGENT_ID"
    Then the command succeeds
    And stdout contains "agent=main"
    And row 1 of "snapshots.jsonl" has "agent_id" = "\"main\""

  Scenario: the before's undo shortcut never retracts an after
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 12}}
      """
    And a file "after.json" containing:
      """
      {"five_hour": {"used_pct": 20}}
      """
    When I run in bash with AGENT_ID "main": "os before.json --at 2026-11-20T10:00:00Z && oe after.json --at 2026-11-20T11:00:00Z && os_d"
    Then the command fails with "has an after: retract it first"
    And "snapshots.jsonl" has 2 rows

  Scenario: sourced in a checkout that is not built, the aliases say so in one line, not a Node error
    When I run in bash, the aliases sourced from a checkout that is not built: "cs before.json"
    Then the exit code is 7
    And stderr contains "is not built (no dist/cli/tracker.js): run `npm run build` there, or set TRACKER_BIN"
    And stderr does not contain "Cannot find module"

