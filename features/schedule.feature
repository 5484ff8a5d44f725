@automation
Feature: Scheduled windows captured from automatic readings
  `tracker schedule` (run from cron) takes each scheduled window's before and after from the latest
  readings of its provider, with the window rules applied, stamped source=automation.

  Background:
    Given a Codex rollout "2025/11/20/rollout-2025-11-20T09-00-00-019a0000-0000-7000-8000-0000000000bb.jsonl" with:
      """
      {"timestamp":"2025-11-20T09:01:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"total_tokens":1000}},"rate_limits":{"primary":{"used_percent":10,"window_minutes":300,"resets_at":1763640000}}}}
      {"timestamp":"2025-11-20T11:05:00.000Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"total_tokens":9000}},"rate_limits":{"primary":{"used_percent":25,"window_minutes":300,"resets_at":1763640000}}}}
      """
    And a file "schedule.txt" containing:
      """
      # one window a line: id provider start length
      w-codex  codex  2025-11-20T09:00:00Z  2h
      w-later  codex  2025-11-20T15:00:00Z  1h
      """
    And I run "ingest codex-rollout --codex-home codex-home"

  Scenario: automation -> ingest -> preview
    When I run "schedule --file schedule.txt --now 2025-11-20T09:05:00Z"
    Then the command succeeds
    And stdout contains "w-codex before: recorded (from the codex-rollout reading of 2025-11-20T09:01:00.000Z)"
    When I run "schedule --file schedule.txt --now 2025-11-20T11:10:00Z"
    Then stdout contains "w-codex after: recorded"
    And the last row of "snapshots.jsonl" has "source" = "\"automation\""
    When I run "preview"
    Then stdout has a line matching "w-codex +10% +25% +15% / 8,000 tok .*source=automation"
    When I run "schedule --file schedule.txt --now 2025-11-20T11:20:00Z"
    Then stdout contains "Nothing due."

  Scenario: the schedule as an .ics calendar (seed 001's windows.local.txt "or .ics"), taking no capture
    When I run "schedule --file schedule.txt --ics --now 2025-11-20T08:00:00Z"
    Then the command succeeds
    And stdout has a line matching "^BEGIN:VCALENDAR\r$"
    And stdout has a line matching "^UID:w-codex@agent-tracker\r$"
    And stdout has a line matching "^DTSTART:20251120T090000Z\r$"
    And stdout has a line matching "^DTEND:20251120T110000Z\r$"
    And stdout contains "UID:w-later@agent-tracker"
    And "snapshots.jsonl" has 2 rows

  Scenario: without a fresh reading nothing is captured
    When I run "schedule --file schedule.txt --now 2025-11-20T10:30:00Z --max-age 10"
    Then the command succeeds
    And stdout contains "w-codex before: no-reading"
    And "snapshots.jsonl" has 2 rows

  Scenario: a malformed schedule is refused with its line
    Given a file "bad-schedule.txt" containing:
      """
      w-codex codex tomorrow 2h
      """
    When I run "schedule --file bad-schedule.txt"
    Then the command fails with "bad-schedule.txt:1: start: expected an ISO time with a zone"
