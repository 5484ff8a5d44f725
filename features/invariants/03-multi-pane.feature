@invariant
Feature: Invariant 3 — multi-pane sanitize
  A pasted Codex /status with several panes keeps only the last one and records multi-pane-trimmed.

  Scenario: two panes pasted together keep the last one
    Given a file "two-panes.txt" containing:
      """
      ╭──────────────────────────────────────────────────────────────╮
      │  >_ OpenAI Codex (v0.46.0)                                   │
      │  5h limit:     [████████████████░░░░] 80% used (resets 14:32) │
      │  Weekly limit: [████████████░░░░░░░░] 60% used (resets 09:10 on 27 Nov) │
      ╰──────────────────────────────────────────────────────────────╯
      ╭──────────────────────────────────────────────────────────────╮
      │  >_ OpenAI Codex (v0.46.0)                                   │
      │  5h limit:     [████░░░░░░░░░░░░░░░░] 75% left (resets 14:32) │
      │  Weekly limit: [████████░░░░░░░░░░░░] 55% left (resets 09:10 on 27 Nov) │
      ╰──────────────────────────────────────────────────────────────╯
      """
    When agent "main" records a before for "codex" from "two-panes.txt" at "2026-11-20T10:00:00Z"
    Then the command succeeds
    And stderr contains "note: multi-pane-trimmed"
    And row 1 of "snapshots.jsonl" has "parse_errors" = "[\"multi-pane-trimmed\"]"
    And row 1 of "snapshots.jsonl" has "bars.five_hour.used_pct" = "25"
    And row 1 of "snapshots.jsonl" has "bars.weekly.used_pct" = "45"
