@invariant
Feature: Invariant 6 — ccusage over bars when they disagree
  When a window has both bar-based and token-based capacity and they disagree by more than 10% beyond what the
  readings' rounding explains (whole-% screens: a 4% delta is a rise of 3% to 5%), measured against the provider's
  usual tokens per 1% of the 5h window learned from earlier windows, both are shown and the window is noted
  divergent:ccusage. The token side is the captures' counters, else ccusage's report of the window
  (`tracker ingest ccusage --window W`). Nothing is hidden.

  Background:
    Given "glm" has a completed window from 10% to 14% and 0 to 4000 tokens at "2026-11-20T01:00:00Z"
    And "glm" has a completed window from 20% to 25% and 10000 to 15000 tokens at "2026-11-20T03:00:00Z"
    And "glm" has a completed window from 30% to 33% and 20000 to 23000 tokens at "2026-11-20T05:00:00Z"

  Scenario: a window 100% away from the usual rate is noted, and both numbers are shown
    When "glm" has a completed window from 40% to 44% and 30000 to 38000 tokens at "2026-11-20T07:00:00Z"
    Then row 4 of "windows.jsonl" has "errors" = "[\"divergent:ccusage\"]"
    And row 4 of "windows.jsonl" has "capacity.tokens.delta" = "8000"
    And "anomalies.jsonl" has an anomaly "divergent:ccusage"
    When I run "preview"
    Then stdout has a line matching "glm-20261120-0700 +40% +44% +4% / 8,000 tok .*divergent:ccusage"
    And stdout contains "Anomalies: 1 (see anomalies.jsonl)"

  Scenario: a window within 10% of the usual rate is not noted
    When "glm" has a completed window from 40% to 44% and 30000 to 34300 tokens at "2026-11-20T07:00:00Z"
    Then row 4 of "windows.jsonl" has "errors" = "[]"
    And "anomalies.jsonl" has 0 rows

  Scenario: a window 22% from the usual rate but within the whole-% readings' rounding is not noted
    When "glm" has a completed window from 40% to 44% and 30000 to 34900 tokens at "2026-11-20T07:00:00Z"
    Then row 4 of "windows.jsonl" has "errors" = "[]"
    And "anomalies.jsonl" has 0 rows

  Scenario: ccusage's count of a window, 97% away from what its bars say, is noted and named by calibrate and usage
    Given "claude" has a completed window from 10% to 14% and 0 to 4000 tokens at "2026-11-20T01:00:00Z"
    And "claude" has a completed window from 20% to 25% and 10000 to 15000 tokens at "2026-11-20T03:00:00Z"
    When I run "snapshot before --provider claude --window W7 --at 2026-11-20T07:00:00Z --input -" with input:
      """
      {"five_hour": {"used_pct": 40}}
      """
    And I run "ingest ccusage --window W6 --input -" with input:
      """
      {"sessions": [{"sessionId": "s-6", "inputTokens": 2500, "outputTokens": 500, "cacheCreationTokens": 0, "cacheReadTokens": 0,
        "totalTokens": 3000, "totalCost": 0.05, "lastActivity": "2026-11-20T06:40:00.000Z", "modelsUsed": ["claude-sonnet-4-5"]}]}
      """
    And I run "ingest ccusage --window W7 --input -" with input:
      """
      {"sessions": [{"sessionId": "s-7", "inputTokens": 7000, "outputTokens": 880, "cacheCreationTokens": 0, "cacheReadTokens": 0,
        "totalTokens": 7880, "totalCost": 0.1, "lastActivity": "2026-11-20T07:40:00.000Z", "modelsUsed": ["claude-sonnet-4-5"]}]}
      """
    And I run "snapshot after --provider claude --window W7 --at 2026-11-20T07:50:00Z --input -" with input:
      """
      {"five_hour": {"used_pct": 44}}
      """
    And I run "complete --provider claude --window W7 --quality 1 --outcome success"
    Then stdout contains "Tokens (ccusage): 7,880: DIVERGENT from the bars beyond their rounding"
    And the last row of "windows.jsonl" has "errors" = "[\"divergent:ccusage\"]"
    And the last row of "windows.jsonl" has "capacity.tokens.source" = "\"ccusage\""
    And "anomalies.jsonl" has an anomaly "divergent:ccusage"
    When I run "calibrate --provider claude"
    Then stderr contains "1 window(s) divergent:ccusage, their token count and bars apart beyond the readings' rounding: claude W7"
    When I run "usage --provider claude --tz UTC"
    Then stderr contains "claude W7 (both figures: tracker anomalies)"

  Scenario: ccusage's count of a window within its bars' rounding is not noted
    Given "claude" has a completed window from 10% to 14% and 0 to 4000 tokens at "2026-11-20T01:00:00Z"
    And "claude" has a completed window from 20% to 25% and 10000 to 15000 tokens at "2026-11-20T03:00:00Z"
    When I run "snapshot before --provider claude --window W7 --at 2026-11-20T07:00:00Z --input -" with input:
      """
      {"five_hour": {"used_pct": 40}}
      """
    And I run "ingest ccusage --window W6 --input -" with input:
      """
      {"sessions": [{"sessionId": "s-6", "inputTokens": 2500, "outputTokens": 500, "cacheCreationTokens": 0, "cacheReadTokens": 0,
        "totalTokens": 3000, "totalCost": 0.05, "lastActivity": "2026-11-20T06:40:00.000Z", "modelsUsed": ["claude-sonnet-4-5"]}]}
      """
    And I run "ingest ccusage --window W7 --input -" with input:
      """
      {"sessions": [{"sessionId": "s-7", "inputTokens": 4000, "outputTokens": 900, "cacheCreationTokens": 0, "cacheReadTokens": 0,
        "totalTokens": 4900, "totalCost": 0.1, "lastActivity": "2026-11-20T07:40:00.000Z", "modelsUsed": ["claude-sonnet-4-5"]}]}
      """
    And I run "snapshot after --provider claude --window W7 --at 2026-11-20T07:50:00Z --input -" with input:
      """
      {"five_hour": {"used_pct": 44}}
      """
    And I run "complete --provider claude --window W7 --quality 1 --outcome success"
    Then the last row of "windows.jsonl" has "errors" = "[]"
    And the last row of "windows.jsonl" has "capacity.tokens.delta" = "4900"
    And "anomalies.jsonl" has 0 rows

  Scenario: a provider with too little history has nothing to compare against
    When "zai" has a completed window from 40% to 44% and 30000 to 90000 tokens at "2026-11-20T07:00:00Z"
    Then the last row of "windows.jsonl" has "errors" = "[]"
