@hardening
Feature: The demo never touches a user's ledger
  `npm run demo` writes only into a directory of its own (./tracker-data-demo, or DEMO_DIR, or the
  argument). It never uses $TRACKER_DATA_DIR, and it refuses a non-empty directory it did not make.

  Background:
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 12}}
      """
    And a file "after.json" containing:
      """
      {"five_hour": {"used_pct": 20}}
      """
    And agent "main" has recorded a before for "codex" from "before.json" at "2026-11-20T10:00:00Z"
    And agent "main" has recorded an after for "codex" from "after.json" at "2026-11-20T11:00:00Z"
    And agent "main" has run "complete --provider codex --quality 0.8 --outcome success --feature F1"
    And I note the bytes of every ledger file

  Scenario: the demo beside a user's TRACKER_DATA_DIR leaves that ledger byte-identical
    When I run the demo in "demo-out" with TRACKER_DATA_DIR at the data dir
    Then the command succeeds
    And every ledger file is byte-identical to before
    And the demo wrote its own ledger in "demo-out" with 3 windows

  Scenario: the demo pointed at the user's ledger refuses and changes nothing
    When I run the demo in "the data dir" with TRACKER_DATA_DIR at the data dir
    Then the command fails with "overlaps TRACKER_DATA_DIR"
    And every ledger file is byte-identical to before

  Scenario: a non-empty directory the demo did not make is refused and left as it is
    Given a directory "notes" of the user's, holding "plan.txt"
    When I run the demo in "notes" with TRACKER_DATA_DIR at the data dir
    Then the command fails with "is not empty and was not made by the demo"
    And "notes/plan.txt" still holds what the user wrote

  Scenario: a directory the demo made is started afresh
    Given a directory "demo-out" the demo made earlier, holding "stale.txt"
    When I run the demo in "demo-out" with TRACKER_DATA_DIR at the data dir
    Then the command succeeds
    And "demo-out" holds no "stale.txt"
    And every ledger file is byte-identical to before
