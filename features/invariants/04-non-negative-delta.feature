@invariant
Feature: Invariant 4 — non-negative deltas
  A negative delta becomes null, the window gets negative-delta in its errors, an anomaly is written,
  and the preview shows the anomalies line.

  Scenario: a bar that went down gives a null delta, an anomaly and the preview line
    Given a file "before.txt" containing:
      """
      │  5h limit:     [████████░░░░░░░░░░░░] 40% used (resets 14:32)     │
      """
    And a file "after.txt" containing:
      """
      │  5h limit:     [██░░░░░░░░░░░░░░░░░░] 10% used (resets 14:32)     │
      """
    And agent "main" has recorded a before for "codex" from "before.txt" at "2026-11-20T10:00:00Z"
    When agent "main" records an after for "codex" from "after.txt" at "2026-11-20T11:00:00Z"
    Then the command succeeds
    And stdout contains "Capacity delta: null (negative-delta)"
    And "anomalies.jsonl" has an anomaly "negative-delta"
    When agent "main" runs "complete --provider codex --quality 1 --outcome success"
    Then the command succeeds
    And row 1 of "windows.jsonl" has "capacity.delta" = "null"
    And row 1 of "windows.jsonl" has "errors" = "[\"negative-delta\"]"
    When I run "preview"
    Then stdout contains "Anomalies: 1 (see anomalies.jsonl)"
    And stdout has a line matching "codex-20261120-1000 +40% +10% +null .*negative-delta"
    And stdout contains "codex: n=0 (of 1 window) work=n/a ci=n/a"
