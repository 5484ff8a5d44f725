Feature: Capture reads input however it arrives
  A screen can come from --input FILE, a pipe, a paste ended with Ctrl-D, or a slow command.

  Scenario: a screen piped slowly, in pieces, is read whole
    When I pipe "codex-status-before.txt" slowly into "snapshot before --provider codex --at 2026-11-20T10:00:00Z"
    Then the command succeeds
    And row 1 of "snapshots.jsonl" has "bars.five_hour.used_pct" = "20"

  Scenario: a Claude /usage screen from a file
    When I run "snapshot before --provider claude --input claude-usage-before.txt --at 2026-11-20T10:00:00Z"
    Then the command succeeds
    And row 1 of "snapshots.jsonl" has "bars.weekly_sonnet.used_pct" = "5"
    And row 1 of "snapshots.jsonl" has "bars.five_hour.resets_at" = "\"2026-11-20T15:00:00.000Z\""
