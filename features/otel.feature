@otel
Feature: tracker otel takes in the agents' own OpenTelemetry
  `tracker otel` is an OTLP/HTTP receiver on loopback (docs/otel.md): Claude Code and Codex export their own usage to
  /v1/logs and /v1/metrics, in JSON or protobuf, gzipped or not. It keeps each API request they report as a stamped
  row of otel_usage.jsonl with their own figures and attribute names, answers as the OTLP spec says, and refuses a bad
  export whole: its OTLP status, one line on stderr, the body under rejects/, nothing else written. The exports here
  are the pinned clients' own, captured (sources/parsers/otlp/test-fixtures/README.md).

  Background:
    Given tracker otel is running

  Scenario: Claude Code's JSON logs and Codex's gzipped protobuf logs land as rows with the agents' own figures
    Given the captured OTLP export "claude-code-2.1.329-logs.json"
    And the captured OTLP export "codex-0.169.0-logs.pb"
    When an exporter posts "claude-code-2.1.329-logs.json" to "/v1/logs" as "application/json"
    Then the exporter gets 200 as "application/json"
    And the answer is the empty JSON object
    When an exporter posts "codex-0.169.0-logs.pb" gzipped to "/v1/logs" as "application/x-protobuf"
    Then the exporter gets 200 as "application/x-protobuf"
    And "otel_usage.jsonl" has 6 "otel-request" rows
    And every row of "otel_usage.jsonl" is stamped
    And row 1 of "otel_usage.jsonl" has "event" = "\"claude_code.api_request\""
    And row 1 of "otel_usage.jsonl" has "window_id" = "\"W1\""
    And row 1 of "otel_usage.jsonl" has "total_tokens" = "3060"
    And row 1 of "otel_usage.jsonl" has "attributes.cache_creation_5m_tokens" = "1200"
    And row 4 of "otel_usage.jsonl" has "event" = "\"codex.sse_event\""
    And row 4 of "otel_usage.jsonl" has "attributes.input_token_count" = "\"3000\""
    And row 4 of "otel_usage.jsonl" has "input_tokens" = "1800"
    And row 4 of "otel_usage.jsonl" has "provider" = "\"codex\""
    And tracker otel printed nothing on stderr

  Scenario: Claude Code's protobuf metrics: the token and cost sums, by type
    Given the captured OTLP export "claude-code-2.1.329-metrics.pb"
    When an exporter posts "claude-code-2.1.329-metrics.pb" to "/v1/metrics" as "application/x-protobuf"
    Then the exporter gets 200 as "application/x-protobuf"
    And "otel_usage.jsonl" has 5 "otel-metric" rows

  Scenario: on loopback it takes exports only under the secret endpoint it printed at its start
    Given the captured OTLP export "claude-code-2.1.329-logs.json"
    When a local process that was not told the receiver's endpoint posts "claude-code-2.1.329-logs.json" to "/v1/logs" as "application/json"
    Then the exporter gets 401 as "application/x-protobuf"
    And the answer is a google.rpc.Status whose message contains "answers only at the endpoint it printed at its start"
    And "otel_usage.jsonl" has 0 rows
    When an exporter posts "claude-code-2.1.329-logs.json" to "/v1/logs" as "application/json"
    Then the exporter gets 200 as "application/json"

  Scenario: the endpoint written into an agent's settings keeps working after a restart; after a rotation the old one is refused and said once
    Given the captured OTLP export "claude-code-2.1.329-logs.json"
    When tracker otel is stopped
    And tracker otel is started again
    Then it printed the same endpoint as before
    When an exporter set up before the restart posts "claude-code-2.1.329-logs.json" to "/v1/logs" as "application/json"
    Then the exporter gets 200 as "application/json"
    And "otel_usage.jsonl" has 2 "otel-request" rows
    When tracker otel is stopped
    And tracker otel is started again with --rotate-secret
    Then it printed another endpoint than before
    When an exporter set up before the restart posts "claude-code-2.1.329-logs.json" to "/v1/logs" as "application/json"
    Then the exporter gets 401 as "application/x-protobuf"
    When an exporter set up before the restart posts "claude-code-2.1.329-logs.json" to "/v1/logs" as "application/json"
    Then tracker otel printed one line on stderr containing "refused an export outside the base URL printed at the start (401; said once per start, each one counted by tracker status): set the client to that URL"
    And "otel_usage.jsonl" has 2 "otel-request" rows
    When tracker otel is stopped
    And I run "status"
    Then stdout contains "tracker otel: 2 export(s) refused (401) since"
    And stdout contains "outside the base URL printed at the start (a client set up with an older URL, before --rotate-secret, or of another data dir)"

  Scenario: a truncated protobuf export: 400, one line, the body under rejects/, no row
    Given "claude-code-2.1.329-logs.pb" cut to its first 3000 bytes as "truncated.pb"
    When an exporter posts "truncated.pb" to "/v1/logs" as "application/x-protobuf"
    Then the exporter gets 400 as "application/x-protobuf"
    And the answer is a google.rpc.Status whose message contains "not a valid ExportLogsServiceRequest (protobuf)"
    And tracker otel printed one line on stderr containing "refused an OTLP export to /v1/logs (application/x-protobuf, 3000 bytes): 400"
    And a reject is kept with a reason containing "index out of range"
    And the kept input is identical to "truncated.pb"
    And "otel_usage.jsonl" has 0 rows

  Scenario: another content type: 415
    Given a file "notes.txt" containing:
      """
      not telemetry
      """
    When an exporter posts "notes.txt" to "/v1/metrics" as "text/plain"
    Then the exporter gets 415 as "application/x-protobuf"
    And tracker otel printed one line on stderr containing "415 content type \"text/plain\" is not OTLP/HTTP"
    And the kept input is identical to "notes.txt"
    And "otel_usage.jsonl" has 0 rows

  Scenario: a manual window without a proxy takes the rows of its time span and its session
    Given the captured OTLP export "codex-0.169.0-logs.json"
    When an exporter posts "codex-0.169.0-logs.json" to "/v1/logs" as "application/json"
    Then the exporter gets 200 as "application/json"
    When I run "snapshot before --provider codex --window day-1 --at 2026-11-25T16:50:00Z --input -" with input:
      """
      {"five_hour": {"used_pct": 10}}
      """
    And I run "snapshot after --provider codex --window day-1 --at 2026-11-25T16:55:00Z --input -" with input:
      """
      {"five_hour": {"used_pct": 11}}
      """
    And I run "complete --provider codex --window day-1 --quality 1 --outcome success --session 01a2139f-09c9-7630-a7a9-f5c88dcdd0ac"
    Then the command succeeds
    And stdout contains "OpenTelemetry (rows between its captures): 2 request(s), 5,238 tokens"
