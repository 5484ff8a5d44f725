@automation
Feature: Codex rollouts become readings without pasting
  `tracker ingest codex-rollout` reads token_count events from $CODEX_HOME/sessions/**/rollout-*.jsonl,
  records their bars and tokens, and remembers how far it read each file.

  Background:
    Given a Codex rollout "2025/11/18/rollout-2025-11-18T16-53-16-019a9662-000f-77e2-9575-3e0f02624e93.jsonl" with:
      """
      {"timestamp":"2025-11-18T16:53:16.000Z","type":"session_meta","payload":{"id":"019a9662-000f-77e2-9575-3e0f02624e93","cli_version":"0.58.0"}}
      {"timestamp":"2025-11-18T16:53:20.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":7.0,"window_minutes":300,"resets_at":1763483205},"secondary":{"used_percent":77.0,"window_minutes":10080,"resets_at":1763606387}}}}
      {"timestamp":"2025-11-18T16:53:40.000Z","type":"response_item","payload":{"type":"message","role":"assistant","content":[{"type":"output_text","text":"done"}]}}
      {"timestamp":"2025-11-18T16:54:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":5200,"cached_input_tokens":2048,"output_tokens":14,"reasoning_output_tokens":0,"total_tokens":5214}},"rate_limits":{"primary":{"used_percent":8.0,"window_minutes":300,"resets_at":1763483205},"secondary":{"used_percent":77.0,"window_minutes":10080,"resets_at":1763606387}}}}
      {"timestamp":"2025-11-18T16:54:30.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":null}}
      """

  Scenario: token_count events become readings; null limits are skipped, not zero
    When I run "ingest codex-rollout --codex-home codex-home"
    Then the command succeeds
    And stdout contains "recorded 2 readings for codex"
    And "snapshots.jsonl" has 2 "reading" rows
    And row 1 of "snapshots.jsonl" has "bars.five_hour.used_pct" = "7"
    And row 1 of "snapshots.jsonl" has "bars.weekly.resets_at" = "\"2025-11-20T02:39:47.000Z\""
    And row 2 of "snapshots.jsonl" has "tokens" = "{\"total\":5214,\"input\":5200,\"output\":14,\"cache_read\":2048}"
    And row 2 of "snapshots.jsonl" has "session_id" = "\"019a9662-000f-77e2-9575-3e0f02624e93\""
    And row 2 of "snapshots.jsonl" has "source" = "\"ingest\""

  Scenario: a re-run reads only what is new
    Given I run "ingest codex-rollout --codex-home codex-home"
    When I run "ingest codex-rollout --codex-home codex-home"
    Then the command succeeds
    And stdout contains "Read 0 of 1 rollout files (0 new bytes); recorded 0 readings"
    And "snapshots.jsonl" has 2 rows
    Given the Codex rollout "2025/11/18/rollout-2025-11-18T16-53-16-019a9662-000f-77e2-9575-3e0f02624e93.jsonl" grows by:
      """
      {"timestamp":"2025-11-18T17:01:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"total_tokens":9000}},"rate_limits":{"primary":{"used_percent":9,"window_minutes":300,"resets_in_seconds":600}}}}
      """
    When I run "ingest codex-rollout --codex-home codex-home"
    Then stdout contains "recorded 1 readings"
    And row 3 of "snapshots.jsonl" has "bars.five_hour.resets_at" = "\"2025-11-18T17:11:00.000Z\""

  Scenario: a broken line is named and the rest is read
    Given a Codex rollout "2025/11/19/rollout-2025-11-19T09-00-00-019a9999-0000-7000-8000-000000000000.jsonl" with:
      """
      {"timestamp":"2025-11-19T09:00:00.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":"lots","window_minutes":300}}}}
      {"timestamp":"2025-11-19T09:01:00.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":3,"window_minutes":300,"resets_at":1763550000}}}}
      """
    When I run "ingest codex-rollout --codex-home codex-home"
    Then the command succeeds
    And stderr contains "rate_limits.primary.used_percent: expected a number from 0 to 100, got \"lots\""
    And "snapshots.jsonl" has 3 "reading" rows

  Scenario: a directory that is not a Codex home is refused
    When I run "ingest codex-rollout --codex-home nowhere"
    Then the command fails with "--codex-home: no sessions directory in"

  @spawn
  Scenario: overlapping ingests record each event once
    When 4 ingests of "codex-home" run at the same time
    Then every ingest succeeded
    And "snapshots.jsonl" has 2 "reading" rows

  Scenario: links are not followed, so a broken one stops nothing and nothing is read twice
    Given a broken link "2025/11/20/rollout-2025-11-20T09-00-00-019a0000-0000-7000-8000-000000000001.jsonl" in the Codex home
    And a link "loop" to the sessions folder inside it
    When I run "ingest codex-rollout --codex-home codex-home"
    Then the command succeeds
    And stdout contains "Read 1 of 1 rollout files"
    And "snapshots.jsonl" has 2 "reading" rows

  Scenario: a forked session's tokens go on from its parent's, and are counted once
    # The real Codex 0.169.0 (scripts/fixtures/make-codex-fork-fixture.sh): a 10,094-token session, then
    # `codex exec fork` with a 10,220-token turn, whose running total reads 20,314. Before, the fork's session said 20,314.
    Given the real Codex rollout "codex-0.169.0-fork-parent.jsonl" in the Codex home "fork-home"
    And the real Codex rollout "codex-0.169.0-fork-child.jsonl" in the Codex home "fork-home"
    When I run "ingest codex-rollout --codex-home fork-home"
    Then the command succeeds
    And stdout contains "recorded 2 readings for codex"
    And row 2 of "snapshots.jsonl" has "forked_from" = "\"01a214f1-7646-7183-813c-2aeab91124ea\""
    And row 2 of "snapshots.jsonl" has "model" = "\"gpt-5-codex\""
    When I run "usage --by session --json"
    Then the command succeeds
    And the JSON output has "rows.0.total" = "10094"
    And the JSON output has "rows.1.total" = "10220"

  Scenario: a fork whose parent was never ingested counts its own turn only
    # The fork's first event says both its running total (20,314) and its own request (10,220): the base it went on
    # from is the difference, so the parent's rollout is not needed. Before, the fork alone counted 20,314.
    Given the real Codex rollout "codex-0.169.0-fork-child.jsonl" in the Codex home "fork-home"
    When I run "ingest codex-rollout --codex-home fork-home"
    Then the command succeeds
    And row 1 of "snapshots.jsonl" has "fork_base" = "{\"total\":10094,\"input\":10066,\"output\":28,\"cache_read\":0}"
    When I run "usage --by session --json"
    Then the command succeeds
    And the JSON output has "rows.0.total" = "10220"

