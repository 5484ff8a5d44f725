Feature: Churn needs commits
  A window captured outside a git repository has no commits to measure between.

  Scenario: a window with no start commit asks for one
    Given a file "plain.json" containing:
      """
      {"five_hour": {"used_pct": 1}}
      """
    And agent "main" has run "snapshot before --provider glm --input plain.json --at 2026-11-20T10:00:00Z --window glm-1"
    When I run "churn --window glm-1"
    Then the command fails with "window glm-1 has no start commit recorded: pass --from SHA"
    And "Churn_Ledger.csv" has 0 records
