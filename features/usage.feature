@reports
Feature: tracker usage: tokens and dollars per session, day, week or month, and the limit changes of each bar
  `tracker usage` adds up the ledger's tokens per agent session, or per day, ISO week or month, provider and model, as ccusage shows
  them, counting each provider-day from one source only (proxy, then the agents' own OpenTelemetry, then Codex rollouts, then ccusage's daily
  report, then window snapshots), and prices them at list prices. Below the table, the tokens one percent
  of each bar bought per period, with a line for each period whose interval leaves the earlier level.
  The reports and events are real: ccusage 20.0.24's (sources/parsers/test-fixtures/real/) and the proxy's (docs/examples/).

  Scenario: the proxy's count wins a day that ccusage also covers; ccusage fills the days the proxy did not see
    Given the real fixture "ccusage-20.0.24-claude-daily.json"
    And the real fixture "ccusage-20.0.24-codex-daily.json"
    And I run "ingest ccusage --input ccusage-20.0.24-claude-daily.json"
    And I run "ingest ccusage --input ccusage-20.0.24-codex-daily.json"
    And I run "ingest proxy-telemetry --window W0-CHN --input proxy-events.ndjson"
    When I run "usage daily --tz UTC"
    Then the command succeeds
    And stdout has a line matching "^  2026-11-21  claude    claude-sonnet-4-5-20250929 +5,400 +1,400 +12,000 +0 +18,800 +\$0\.04  proxy$"
    And stdout has a line matching "^  2026-11-21  codex     \(all models\) +1,000 +9 +200 +0 +1,209 +.+  ccusage$"
    And stdout has a line matching "^  2026-11-21  glm       glm-4.5-air +6,300 +1,130 +0 +0 +7,430 +<\$0\.01  proxy$"
    And stdout has a line matching "^  Total +16,300 +3,219 +13,700 +0 +33,219 "
    And stdout does not contain "2,512"
    When I run "usage weekly --tz UTC --provider claude --json"
    Then the command succeeds
    And the JSON output has "rows.0.period" = "\"2026-W47\""
    And the JSON output has "rows.0.model" = "\"claude-haiku-4-5-20251001\""
    And the JSON output has "rows.0.total" = "5780"
    And the JSON output has "rows.1.usd" = "0.0408"
    And stdout does not contain "glm"

  Scenario: per session and per month, with totals that agree with the daily table
    Given the real fixture "ccusage-20.0.24-claude-daily.json"
    And the real fixture "ccusage-20.0.24-codex-daily.json"
    And a Codex rollout "2025/11/18/rollout-2025-11-18T16-53-16-019a9662-000f-77e2-9575-3e0f02624e93.jsonl" with:
      """
      {"timestamp":"2025-11-18T16:53:16.000Z","type":"session_meta","payload":{"id":"019a9662-000f-77e2-9575-3e0f02624e93","cli_version":"0.58.0"}}
      {"timestamp":"2025-11-18T16:54:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":5200,"cached_input_tokens":2048,"output_tokens":14,"reasoning_output_tokens":0,"total_tokens":5214}},"rate_limits":{"primary":{"used_percent":8.0,"window_minutes":300,"resets_at":1763483205}}}}
      """
    And I run "ingest ccusage --input ccusage-20.0.24-claude-daily.json"
    And I run "ingest ccusage --input ccusage-20.0.24-codex-daily.json"
    And I run "ingest proxy-telemetry --window W0-CHN --input proxy-events.ndjson"
    And I run "ingest codex-rollout --codex-home codex-home"
    When I run "usage --by session --tz UTC"
    Then the command succeeds
    And stdout has a line matching "^  Session +Provider +Models +Input +Output +Cache read +Cache create +Total +Cost \(USD\) +Last activity +Source$"
    And stdout has a line matching "^  019a9662-000f-77e2-9575-3e0f02624e93 +codex +\(not named\) +3,152 +14 +2,048 +0 +5,214 +n/a +2025-11-18 +codex-rollout$"
    And stdout has a line matching "^  3f2a9c4e +claude +claude-sonnet-4-5-20250929 +5,400 +1,400 +12,000 +0 +18,800 +\$0\.04 +2026-11-21 +proxy$"
    And stdout has a line matching "^  3f2a9c4e +glm +glm-4\.5-air +6,300 +1,130 +0 +0 +7,430 +<\$0\.01 +2026-11-21 +proxy$"
    And stdout has a line matching "^  7b1d0e55 +claude +claude-haiku-4-5-20251001 +3,600 +680 +1,500 +0 +5,780 +\$0\.01 +2026-11-21 +proxy$"
    And stdout has a line matching "^  \(no session id\) +codex +\(not named\) +1,000 +9 +200 +0 +1,209 +.+ +2026-11-21 +ccusage$"
    And stdout has a line matching "^  Total +19,452 +3,233 +15,748 +0 +38,433 +n/a *$"
    And stdout does not contain "2,512"
    When I run "usage monthly --tz UTC"
    Then the command succeeds
    And stdout contains "Monthly token usage, UTC"
    And stdout has a line matching "^  2025-11 +codex +\(all models\) +3,152 +14 +2,048 +0 +5,214 +n/a +codex-rollout$"
    And stdout has a line matching "^  2026-11 +claude +claude-sonnet-4-5-20250929 +5,400 +1,400 +12,000 +0 +18,800 +\$0\.04 +proxy$"
    And stdout has a line matching "^  Total +19,452 +3,233 +15,748 +0 +38,433 +n/a *$"
    When I run "usage --by session --tz UTC --since 2026-11-01 --json"
    Then the command succeeds
    And the JSON output has "by" = "\"session\""
    And the JSON output has "rows.0.session" = "\"3f2a9c4e\""
    And the JSON output has "rows.0.models" = "[\"claude-sonnet-4-5-20250929\"]"
    And the JSON output has "rows.0.last_at" = "\"2026-11-21T08:21:00.000Z\""
    And stdout does not contain "019a9662"

  Scenario: a week in which 1% of the 5h bar bought fewer tokens than before is named
    Given "claude" has a completed window from 10% to 12% and 0 to 4800 tokens at "2026-11-10T09:00:00Z"
    And "claude" has a completed window from 12% to 15% and 4800 to 11800 tokens at "2026-11-11T09:00:00Z"
    And "claude" has a completed window from 15% to 19% and 11800 to 21300 tokens at "2026-11-12T09:00:00Z"
    And "claude" has a completed window from 19% to 21% and 21300 to 26000 tokens at "2026-11-13T09:00:00Z"
    And "claude" has a completed window from 30% to 33% and 0 to 4900 tokens at "2026-11-17T09:00:00Z"
    And "claude" has a completed window from 33% to 37% and 4900 to 11200 tokens at "2026-11-18T09:00:00Z"
    And "claude" has a completed window from 37% to 39% and 11200 to 14500 tokens at "2026-11-19T09:00:00Z"
    And "claude" has a completed window from 39% to 44% and 14500 to 22500 tokens at "2026-11-20T09:00:00Z"
    When I run "usage weekly --tz UTC"
    Then the command succeeds
    And stdout has a line matching "^  2026-W46  claude    \(all models\) .* 26,000 +n/a +snapshots$"
    And stdout contains "claude 5h in 2026-W47: about 1,610 per 1% (1,520 to 1,700, 4 windows)"
    And stdout contains "Shift: Claude 5h: 1% bought about 2,360 tokens before 2026-W47, about 1,610 in 2026-W47 (95% interval 1,520 to 1,700, 4 windows)"
    When I run "usage daily --tz UTC --until 2026-11-16"
    Then the command succeeds
    And stdout contains "No shift"
    And stdout does not contain "2026-11-17"

  Scenario Outline: a bad request is refused in one line
    Given an empty data dir
    When I run "usage <args>"
    Then the command fails with "<message>"

    Examples:
      | args                     | message                                                        |
      | yearly                   | expected daily, weekly, monthly or session, got |
      | --by hour                | --by: expected session, project, subagent, day, week, month, got |
      | weekly --by day          | the report weekly adds up by week, not day |
      | --tz Mars/Olympus        | --tz: unknown time zone |
      | --since 2026-13-01       | expected a date such as 2026-11-24 or 20261124 |
      | --since 20261124 --until 20261101 | --since 2026-11-24 is after --until 2026-11-01        |
      | --provider gemni         | in the catalog or this data dir (did you mean gemini?) |
      | --provider claude@acct-12 | is not an account: an account is PROVIDER@acct- and 10 hex digits |

  Scenario: a data directory that does not exist is named
    When I run "usage --data-dir no-such-dir"
    Then the command fails with "no such data directory"

  Scenario: the agents' own OpenTelemetry gives a day's tokens, and a day the proxy also counted is counted once
    # The pinned clients' captured exports: Claude Code 2.1.329's two api_request events and Codex 0.169.0's two
    # response.completed, on 2026-11-25. The proxy counted the same two Claude Code requests (the receiver ran beside it).
    Given tracker otel is running
    And the captured OTLP export "claude-code-2.1.329-logs.json"
    And the captured OTLP export "codex-0.169.0-logs.pb"
    And a file "proxy-same-requests.ndjson" containing:
      """
      {"timestamp":"2026-11-25T16:51:52.020Z","session_id":"c2432a68-5def-4657-b660-0eb16ffd0190","subagent_id":null,"backend_provider":"anthropic","model":"claude-opus-5-5","prompt_tokens":1800,"completion_tokens":60,"cache_read_tokens":0,"cache_creation_tokens":1200,"latency_ms":190,"status":200,"stream":true,"error_type":null,"trace_id":"tr-otel-1"}
      {"timestamp":"2026-11-25T16:51:52.086Z","session_id":"c2432a68-5def-4657-b660-0eb16ffd0190","subagent_id":null,"backend_provider":"anthropic","model":"claude-opus-5-5","prompt_tokens":250,"completion_tokens":8,"cache_read_tokens":1800,"cache_creation_tokens":120,"latency_ms":30,"status":200,"stream":true,"error_type":null,"trace_id":"tr-otel-2"}
      """
    When an exporter posts "claude-code-2.1.329-logs.json" to "/v1/logs" as "application/json"
    And an exporter posts "codex-0.169.0-logs.pb" to "/v1/logs" as "application/x-protobuf"
    Then the exporter gets 200 as "application/x-protobuf"
    When I run "usage daily --tz UTC"
    Then the command succeeds
    And stdout has a line matching "^  2026-11-25  claude  +claude-opus-5-5 +2,050 +68 +1,800 +1,320 +5,238 +\$0\.02  otel$"
    When I run "ingest proxy-telemetry --window W1 --input proxy-same-requests.ndjson"
    And I run "usage daily --tz UTC"
    Then the command succeeds
    And stdout has a line matching "^  2026-11-25  claude  +claude-opus-5-5 +2,050 +68 +1,800 +1,320 +5,238 +\$0\.02  proxy$"
    And stdout has a line matching "^  2026-11-25  codex  +gpt-5-codex +2,050 +68 +1,800 +1,320 +5,238 +<\$0\.01  otel$"
    And stdout has a line matching "^  Total +4,100 +136 +3,600 +2,640 +10,476 +\$0\.02$"
    When I run "usage --by session --tz UTC"
    Then the command succeeds
    And stdout has a line matching "^  01a2139f-1d9e-7641-978a-7822a7a634d8 +codex +gpt-5-codex +2,050 +68 +1,800 +1,320 +5,238 +<\$0\.01 +2026-11-25 +otel$"
    And stdout has a line matching "^  c2432a68-5def-4657-b660-0eb16ffd0190 +claude +claude-opus-5-5 +2,050 +68 +1,800 +1,320 +5,238 +\$0\.02 +2026-11-25 +proxy$"

  Scenario: two Claude accounts behind one proxy are shown side by side, each with its own tokens
    # The proxy names each request's account (a fingerprint of Anthropic's organization id); before, both accounts'
    # requests were added up under "claude".
    Given two Claude accounts through one proxy for a month, acct-aaaaaaaaaa with a 5-hour bar of 100000 tokens and acct-bbbbbbbbbb with one of 200000: each 5 requests of 10000 tokens a day, the second 20 minutes after the first
    When I run "usage daily --tz UTC --since 2026-10-20 --until 2026-10-20"
    Then the command succeeds
    And stdout has a line matching "^  2026-10-20  claude@acct-aaaaaaaaaa +\S+ .* 50,000 .* proxy$"
    And stdout has a line matching "^  2026-10-20  claude@acct-bbbbbbbbbb +\S+ .* 50,000 .* proxy$"
    When I run "usage daily --tz UTC --since 2026-10-20 --until 2026-10-20 --provider claude@acct-bbbbbbbbbb --json"
    Then the JSON output has "rows.0.provider" = '"claude"'
    And the JSON output has "rows.0.total" = "50000"
    And the JSON output has "rows.length" = "1"
