@automation
Feature: claude-monitor's snapshot becomes a reading, once
  Seed 001's standing jobs end a window with claude-monitor. `tracker ingest claude-monitor` records its one-shot
  snapshot (`claude-monitor --once --output json`, schema 1.0): the active 5-hour block's tokens and dollars, and
  Claude Code's own bars when claude-monitor passes them on. Its local percentage (tokens over a plan limit it
  guesses) is said, never recorded as a bar.

  Background:
    Given a file "monitor.json" containing:
      """
      {"schema_version":"1.0","generated_at":"2026-11-20T13:40:00+00:00","tool":{"name":"claude-monitor","version":"3.2.0"},
       "confidence":"local_estimate","stale":false,"plan":"custom",
       "limits":{"five_hour":{"used_percentage":63.2,"tokens_used":12008,"token_limit":19000,"resets_at":"2026-11-20T17:00:00+00:00","resets_at_epoch":1795194000,"confidence":"local_estimate"},
                 "seven_day":{"used_percentage":null,"confidence":"unknown"}},
       "local":{"is_active":true,"session_start":"2026-11-20T12:00:00+00:00","session_end":"2026-11-20T17:00:00+00:00",
                "tokens":{"input_tokens":8500,"output_tokens":3508,"cache_creation_input_tokens":5000,"cache_read_input_tokens":2000,"total_tokens":19008},
                "cost_usd":4.27},
       "status":{"code":0,"label":"ok"}}
      """

  Scenario: the active block is recorded once, and the local estimate is not a bar
    When I run "ingest claude-monitor --input monitor.json --window W1"
    Then the command succeeds
    And stdout contains "Read claude-monitor 2026-11-20T13:40:00.000Z: block from 2026-11-20T12:00:00.000Z: 19008 tokens, $4.27; its 63.2% of 5 hours is its own estimate against a guessed plan limit, not recorded as a bar; recorded 1 reading"
    And the "reading" rows of "snapshots.jsonl" add up to 19008 tokens for "claude"
    And the last row of "snapshots.jsonl" has "format" = "\"claude-monitor\""
    And the last row of "snapshots.jsonl" has "bars" = "{}"
    And the last row of "snapshots.jsonl" has "window_id" = "\"W1\""
    When I run "ingest claude-monitor --input monitor.json"
    Then the command succeeds
    And stdout contains "already in the ledger"
    And "snapshots.jsonl" has 1 row

  Scenario: JSON that is not a claude-monitor snapshot is refused in one line and kept
    Given a file "daily.json" containing:
      """
      {"daily":[]}
      """
    When I run "ingest claude-monitor --input daily.json"
    Then the command fails with "expected a claude-monitor snapshot (tool.name \"claude-monitor\"), got other JSON"
    And the data dir has no "snapshots.jsonl"
