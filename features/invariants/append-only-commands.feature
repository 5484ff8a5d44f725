@invariant @hardening
Feature: No command deletes or rewrites user data
  The ledger is append-only: whatever a command does (read, record a preview, write a report, ingest, capture,
  refuse bad input), the bytes already in every ledger file stay as they were; new rows only follow them.

  Background:
    Given "claude" has a completed window from 10% to 20% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    And "codex" has a completed window from 10% to 25% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    And I run "preview --record"
    And I remember the bytes of every ledger file

  Scenario Outline: <command> only appends
    When I run "<command>"
    Then the command <outcome>
    And every ledger file still begins with the bytes I remembered

    Examples:
      | command | outcome |
      | preview | succeeds |
      | preview --record | succeeds |
      | anomalies | succeeds |
      | experiment report | succeeds |
      | experiment report --json --no-charts | succeeds |
      | experiment status | succeeds |
      | experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --record | succeeds |
      | snapshot before --provider claude --input plain-reading.json --at 2026-11-20T12:00:00Z | succeeds |
      | snapshot before --provider claude --input codex-status-before.txt --at 2026-11-20T13:00:00Z | is refused |
      | snapshot before --provider cladue --input plain-reading.json | is refused |
      | undo --provider claude | is refused |
      | ingest proxy-telemetry --window W0-CHN --input proxy-events.ndjson | succeeds |
      | compare-cost | succeeds |
