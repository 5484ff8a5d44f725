@browser @postgres
Feature: experiment view over a PostgreSQL team ledger
  A teammate opens `experiment view --ledger postgres://...` on a data dir of their own (nothing local: every row
  comes from the database) and follows the team's ledger in Chromium as it grows, without reloading. docs/viewer.md

  Background:
    Given chromium works on this machine

  Scenario: A finished run in the team ledger shows its plan, verdict and arms; a run appended later shows up live
    Given I run "experiment run --seed 42 --providers sim-claude,sim-codex --only duration-parser,ini-parser,csv-line-parser,token-bucket"
    And the command succeeds
    When a teammate runs "experiment view --ledger" on the database from a data dir of their own, and opens it at "#/runs"
    Then the Runs page shows 1 plan, the first with the verdict "No provider is ahead yet on 4 tasks"
    When I open the page "#/arms"
    Then the Arms table lists every window of the team ledger
    When I open the first arm with the keyboard
    Then the arm page shows that arm's window row
    When I open the page "#/runs"
    And I start "experiment run --seed 43 --providers sim-claude,sim-codex --only duration-parser" in the background
    Then a second plan appears on the Runs page without a reload, and its progress reaches all arms done
    And I keep a screenshot "runs-postgres"
