@invariant
Feature: Invariant 1 — append-only and stamped
  Every row carries id, kind, ts, schema_version, tool_version, source and agent_id. Corrections and
  retractions are new rows; no byte of an existing row ever changes, and readers fold them.

  Background:
    Given a file "before.txt" containing:
      """
      │  5h limit:     [████░░░░░░░░░░░░░░░░] 20% used (resets 14:32)     │
      │  Weekly limit: [████████░░░░░░░░░░░░] 40% used (resets 09:10 on 27 Nov) │
      """
    And a file "after.txt" containing:
      """
      │  5h limit:     [██████░░░░░░░░░░░░░░] 32% used (resets 14:32)     │
      │  Weekly limit: [████████░░░░░░░░░░░░] 41% used (resets 09:10 on 27 Nov) │
      """

  Scenario: every row of a full window is stamped
    Given agent "main" has recorded a before for "codex" from "before.txt" at "2026-11-20T10:00:00Z"
    And agent "main" has recorded an after for "codex" from "after.txt" at "2026-11-20T11:00:00Z"
    And agent "main" has run "complete --provider codex --quality 0.8 --outcome success --feature F1"
    Then every row of "snapshots.jsonl" is stamped
    And every row of "windows.jsonl" is stamped
    And row 1 of "snapshots.jsonl" has "source" = "\"manual\""
    And row 1 of "snapshots.jsonl" has "schema_version" = "1"

  Scenario: undo and correction append rows and leave earlier bytes alone
    Given agent "main" has recorded a before for "codex" from "before.txt" at "2026-11-20T10:00:00Z"
    And agent "main" has recorded an after for "codex" from "after.txt" at "2026-11-20T11:00:00Z"
    And I note the bytes of every ledger file
    When agent "main" runs "undo --provider codex"
    Then the command succeeds
    And the first 2 lines of "snapshots.jsonl" are unchanged
    And row 2 of "snapshots.jsonl" is retracted by row 3
    Given agent "main" has recorded an after for "codex" from "after.txt" at "2026-11-20T11:05:00Z"
    And agent "main" has run "complete --provider codex --quality 0.5 --outcome partial"
    And I note the bytes of every ledger file
    When agent "main" runs "complete --provider codex --window codex-20261120-1000 --quality 0.9 --outcome success --amend"
    Then the command succeeds
    And the first 1 lines of "windows.jsonl" are unchanged
    And row 2 of "windows.jsonl" supersedes row 1
    When I run "preview --json"
    Then stdout contains "\"quality\": 0.9"
    And stdout does not contain "\"quality\": 0.5"
