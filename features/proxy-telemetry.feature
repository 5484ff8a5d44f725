@proxy
Feature: Proxy telemetry: ingest, the preview's Subagent Proxy block, and the GLM cost comparison
  `tracker ingest proxy-telemetry` records NDJSON telemetry events (one proxied request per line, from
  the proxy or an emitter such as a mitmproxy addon) as stamped proxy-request rows of a window. Bad
  lines are refused by number and kept under rejects/; good lines are kept; a re-run adds nothing.
  `tracker preview` rolls them up; `tracker compare-cost` prices the sub-agent work routed to GLM
  against the baseline for features that have both (seed 001, the POC cost criterion).

  Scenario: ingested events show in the preview's Subagent Proxy block
    When I run "ingest proxy-telemetry --window W0-CHN --input proxy-events.ndjson"
    Then the command succeeds
    And stdout contains "Read 10 events from proxy-events.ndjson for window W0-CHN: recorded 10, 0 already in the ledger"
    And "proxy_telemetry.jsonl" has 10 "proxy-request" rows
    And every row of "proxy_telemetry.jsonl" is stamped
    And row 1 of "proxy_telemetry.jsonl" has "window_id" = "\"W0-CHN\""
    And row 1 of "proxy_telemetry.jsonl" has "source" = "\"ingest\""
    And row 1 of "proxy_telemetry.jsonl" has "trace_id" = "\"tr-0001\""
    When I run "preview"
    Then the command succeeds
    And stdout contains "Subagent Proxy:"
    And stdout contains "  - routed_to_glm=60% (prompts=10), latency=820 ms p50 / 5100 ms p95, errors=20.0%"
    When I run "preview --json"
    Then the command succeeds
    And the JSON output has "proxy.overall.total_prompts" = "10"
    And the JSON output has "proxy.overall.pct_routed_to_glm" = "60"
    And the JSON output has "proxy.overall.error_rate" = "0.2"
    And the JSON output has "proxy.windows.0.window_id" = "\"W0-CHN\""

  Scenario: several windows get a line each under the overall one
    Given I run "ingest proxy-telemetry --window W0-CHN --input proxy-events.ndjson"
    And I run "ingest proxy-telemetry --window W1-GLM --stdin" with input:
      """
      {"timestamp":1795262400,"session_id":"s2","subagent_id":"haiku","backend_provider":"GLM","model":"glm-4.6","prompt_tokens":"1200","completion_tokens":"200","latency_ms":"640","status":"200","trace_id":"tr-1001"}
      {"timestamp":1795262405123,"session_id":"s2","subagent_id":"","backend_provider":"anthropic","model":"claude-sonnet-4-5","prompt_tokens":900,"completion_tokens":100,"latency_ms":1500,"status":200,"trace_id":"tr-1002","x_mitm_flow":"f-9"}
      """
    Then the command succeeds
    And stderr contains "note: ignored fields outside the telemetry contract: x_mitm_flow"
    And row 11 of "proxy_telemetry.jsonl" has "timestamp" = "\"2026-11-21T12:00:00.000Z\""
    And row 11 of "proxy_telemetry.jsonl" has "backend_provider" = "\"glm\""
    And row 12 of "proxy_telemetry.jsonl" has "subagent_id" = "null"
    When I run "preview"
    Then stdout contains "  - routed_to_glm=58% (prompts=12), latency=820 ms p50 / 5100 ms p95, errors=16.7%"
    And stdout contains "    W0-CHN: routed_to_glm=60% (prompts=10), latency=820 ms p50 / 5100 ms p95, errors=20.0%"
    And stdout contains "    W1-GLM: routed_to_glm=50% (prompts=2), latency=640 ms p50 / 1500 ms p95, errors=0.0%"

  Scenario: a preview without telemetry has no proxy block
    When I run "preview --json"
    Then the command succeeds
    And the JSON output has "proxy" = "null"
    And no file "proxy_telemetry.jsonl" exists in the data directory

  Scenario: a bad line 3 is refused by number and kept; the other lines are recorded
    Given a file "events.ndjson" containing:
      """
      {"timestamp":"2026-11-21T08:00:00Z","session_id":"s1","subagent_id":"haiku","backend_provider":"glm","model":"glm-4.5-air","prompt_tokens":10,"completion_tokens":2,"latency_ms":100,"status":200,"trace_id":"t1"}
      {"timestamp":"2026-11-21T08:00:01Z","session_id":"s1","subagent_id":"haiku","backend_provider":"glm","model":"glm-4.5-air","prompt_tokens":10,"completion_tokens":2,"latency_ms":100,"status":200,"trace_id":"t2"}
      {"timestamp":"2026-11-21T08:00:02Z","session_id":"s1","subagent_id":"haiku","backend_provider":"glm","model":"glm-4.5-air","prompt_tokens":-5,"completion_tokens":2,"latency_ms":100,"status":200,"trace_id":"t3"}
      {"timestamp":"2026-11-21T08:00:03Z","session_id":"s1","subagent_id":"haiku","backend_provider":"glm","model":"glm-4.5-air","prompt_tokens":10,"completion_tokens":2,"latency_ms":100,"status":200,"trace_id":"t4"}
      """
    When I run "ingest proxy-telemetry --window W1 --input events.ndjson"
    Then the command succeeds
    And stderr contains "note: refused events.ndjson line 3: prompt_tokens: expected a non-negative integer or null, got -5"
    And stdout contains "Read 3 events from events.ndjson for window W1: recorded 3, 0 already in the ledger; 1 line refused (kept at "
    And "proxy_telemetry.jsonl" has 3 "proxy-request" rows
    And the kept input is line 3 of "events.ndjson"
    And a reject is kept with a reason containing "events.ndjson line 3: prompt_tokens: expected a non-negative integer or null, got -5"

  Scenario: input with no good line is refused whole, nothing appended
    Given a file "bad.ndjson" containing:
      """
      {"timestamp":"2026-11-21T08:00:00","session_id":"s1","subagent_id":null,"backend_provider":"glm","model":"m","prompt_tokens":1,"completion_tokens":1,"latency_ms":1,"status":200,"trace_id":"t1"}
      not json at all
      """
    When I run "ingest proxy-telemetry --window W1 --input bad.ndjson"
    Then the command fails with "bad.ndjson: no event could be read: line 1: timestamp: \"2026-11-21T08:00:00\" has no time zone (add Z if it is UTC, or an offset such as +01:00) (and 1 more bad lines) (input kept at "
    And the exit code is 3
    And "proxy_telemetry.jsonl" has 0 rows
    And the kept input is identical to "bad.ndjson"

  Scenario: ingesting the same events again adds nothing
    Given I run "ingest proxy-telemetry --window W0-CHN --input proxy-events.ndjson"
    And I note the bytes of every ledger file
    When I run "ingest proxy-telemetry --window W0-CHN --input proxy-events.ndjson"
    Then the command succeeds
    And stdout contains "recorded 0, 10 already in the ledger"
    And every ledger file is byte-identical to before

  Scenario: compare-cost prints per-feature deltas for matched features and skips unmatched ones
    Given I run "ingest proxy-telemetry --window W0-CHN --input proxy-events.ndjson"
    When I run "compare-cost"
    Then the command succeeds
    And stdout has a line matching "^  F1 +3 +4,630 +\$0\.001583 +1 +3,880 +\$0\.004050 +\+750 +-\$0\.002467 +2\.56x$"
    And stdout has a line matching "^  F2 +2 +1,750 +\$0\.000575 +1 +1,900 +\$0\.003100 +-150 +-\$0\.002525 +5\.39x$"
    And stdout has a line matching "^  total \(2\) +5 +6,380 +\$0\.002158 +2 +5,780 +\$0\.007150 +\+600 +-\$0\.004992 +3\.31x$"
    And stdout contains "Cost reduction: 3.31x (target >= 2x: met)"
    And stdout contains "Skipped 1 unmatched feature: F3 (glm only)"
    And stdout does not contain "  F3 "
    When I run "compare-cost --json"
    Then the JSON output has "total.meets_target" = "true"
    And the JSON output has "unmatched.0.feature_id" = "\"F3\""

  Scenario: compare-cost takes a price override and never invents a price
    Given I run "ingest proxy-telemetry --window W0-CHN --input proxy-events.ndjson"
    And a file "prices.json" containing:
      """
      {"models": {"glm-4.5-air": {"input": 0, "output": 0, "cache_read": 0, "cache_creation": 0}, "claude-haiku-*": {"input": 1, "output": 1}}}
      """
    When I run "compare-cost --prices prices.json"
    Then the command succeeds
    And stdout has a line matching "^  F1 .* \$0\.000000 .* n/a +\+750 +n/a +n/a$"
    And stdout contains "Note: no cache_read price for claude-haiku-*, and the request has cache_read tokens (1 request)"
    Given a file "typo.json" containing:
      """
      {"models": {"glm-4.5-air": {"input": 0.2, "ouput": 1.1}}}
      """
    When I run "compare-cost --prices typo.json"
    Then the command fails with "typo.json: models.glm-4.5-air.output: Invalid input: expected number, received undefined"
