@invariant
Feature: Invariant 6 — ccusage over bars when they disagree
  When a window has both bar-based and token-based capacity and they disagree by more than 10%,
  measured against the provider's usual tokens per 1% of the 5h window learned from earlier windows,
  both are shown and the window is noted divergent:ccusage. Nothing is hidden.

  Background:
    Given "glm" has a completed window from 10% to 14% and 0 to 4000 tokens at "2026-11-20T01:00:00Z"
    And "glm" has a completed window from 20% to 25% and 10000 to 15000 tokens at "2026-11-20T03:00:00Z"
    And "glm" has a completed window from 30% to 33% and 20000 to 23000 tokens at "2026-11-20T05:00:00Z"

  Scenario: a window 35% away from the usual rate is noted, and both numbers are shown
    When "glm" has a completed window from 40% to 44% and 30000 to 35400 tokens at "2026-11-20T07:00:00Z"
    Then row 4 of "windows.jsonl" has "errors" = "[\"divergent:ccusage\"]"
    And row 4 of "windows.jsonl" has "capacity.tokens.delta" = "5400"
    And "anomalies.jsonl" has an anomaly "divergent:ccusage"
    When I run "preview"
    Then stdout has a line matching "glm-20261120-0700 +40% +44% +4% / 5,400 tok .*divergent:ccusage"
    And stdout contains "Anomalies: 1 (see anomalies.jsonl)"

  Scenario: a window within 10% of the usual rate is not noted
    When "glm" has a completed window from 40% to 44% and 30000 to 34300 tokens at "2026-11-20T07:00:00Z"
    Then row 4 of "windows.jsonl" has "errors" = "[]"
    And "anomalies.jsonl" has 0 rows

  Scenario: a provider with too little history has nothing to compare against
    When "zai" has a completed window from 40% to 44% and 30000 to 90000 tokens at "2026-11-20T07:00:00Z"
    Then the last row of "windows.jsonl" has "errors" = "[]"
