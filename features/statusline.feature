@automation
Feature: tracker statusline never fails the prompt
  Claude Code runs the statusLine command on every prompt with a JSON payload on stdin. The command
  records the subscription's rate limits when they change and always prints one line and exits 0.

  Background:
    Given a file "status.json" containing:
      """
      {"session_id": "s-1", "model": {"id": "claude-opus-4-1", "display_name": "Opus 4.1"}, "rate_limits": {"five_hour": {"used_percentage": 23.5, "resets_at": 4102444800}, "seven_day": {"used_percentage": 41.2, "resets_at": 4102444800}}}
      """

  Scenario: the same payload sent 50 times is recorded once
    When the statusline receives "status.json" 50 times
    Then every run exited 0 and printed one line starting with "Opus 4.1 | 5h 23.5% (resets in "
    And "snapshots.jsonl" has 1 "reading" row
    And row 1 of "snapshots.jsonl" has "bars.five_hour.used_pct" = "23.5"
    And row 1 of "snapshots.jsonl" has "bars.weekly.resets_at" = "\"2100-01-01T00:00:00.000Z\""
    And row 1 of "snapshots.jsonl" has "source" = "\"automation\""
    And row 1 of "snapshots.jsonl" has "session_id" = "\"s-1\""

  Scenario: a change in the bars is recorded again
    Given a file "later.json" containing:
      """
      {"model": {"display_name": "Opus 4.1"}, "rate_limits": {"five_hour": {"used_percentage": 30, "resets_at": 4102444800}}}
      """
    When the statusline receives "status.json" 2 times
    And the statusline receives "later.json" 2 times
    Then every run exited 0 and printed one line starting with "Opus 4.1 | 5h "
    And "snapshots.jsonl" has 2 "reading" rows

  Scenario: two Claude Code logins' status lines each name their own account, and the same bars of both are both kept
    # Each login keeps its account in its config dir's .claude.json (oauthAccount.organizationUuid, the organization
    # Anthropic's answers name): its readings carry the fingerprint the proxy gives that account.
    When the statusline receives "status.json" from a Claude Code signed in to organization "0f1e2d3c-aaaa-4bbb-8ccc-000000000001"
    And the statusline receives "status.json" from a Claude Code signed in to organization "0f1e2d3c-aaaa-4bbb-8ccc-000000000002"
    Then every run exited 0 and printed one line starting with "Opus 4.1 | 5h 23.5% (resets in "
    And "snapshots.jsonl" has 2 "reading" rows
    And the readings of "snapshots.jsonl" name the account of organization "0f1e2d3c-aaaa-4bbb-8ccc-000000000001"
    And the readings of "snapshots.jsonl" name the account of organization "0f1e2d3c-aaaa-4bbb-8ccc-000000000002"

  Scenario Outline: <what> stdin still gives one line and exit 0, and nothing is recorded
    Given a file "bad.txt" containing:
      """
      <content>
      """
    When the statusline receives "bad.txt" 1 time
    Then every run exited 0 and printed one line starting with "agent-tracker: statusline input not understood"
    And "snapshots.jsonl" has 0 rows
    And the kept input is identical to "bad.txt"

    Examples:
      | what                | content                                                        |
      | empty               |                                                                |
      | garbage             | this is not json                                               |
      | out-of-range        | {"rate_limits": {"five_hour": {"used_percentage": 250}}}       |

  Scenario: with the headroom tracker plans kept, the line says how many tasks fit before the binding bar
    # 5h: 76.5% left x 1,000 tokens = 76,500; sessions of 10,000 and 12,000: 6 fit in every future, 7 only where at most
    # three of the seven are of 12,000 (about half): the median count over the seeded futures is 6.
    Given tracker plans kept a headroom basis for claude: 1000 tokens per 1% of the 5-hour bar, 5000 of the weekly one, its last tasks of 10000 and 12000 tokens
    When the statusline receives "status.json" 1 time
    Then every run exited 0 and printed one line starting with "Opus 4.1 | 5h 23.5% (resets in "
    And every run printed a line ending with "| week 41.2% | ~6.0 sessions to the 5h limit"

  Scenario: after tracker plans on a month of two logins, each login's line says the tasks left on its own bars
    # The 5-hour bars: 1,000 tokens per 1% on the first login, about 2,000 on the second; 76.5% left of either over
    # requests of 10,000 tokens is about 7.7 on the first and 15 on the second. Kept by provider alone, neither found its own.
    Given two Claude logins through one proxy for a month, signed in to organization "0f1e2d3c-aaaa-4bbb-8ccc-000000000001" with a 5-hour bar of 100000 tokens and to "0f1e2d3c-aaaa-4bbb-8ccc-000000000002" with one of 200000: each 5 requests of 10000 tokens a day, the second 20 minutes after the first
    When I run "plans --plan claude=claude-max-5x --since 2026-10-05"
    Then the command succeeds
    When the statusline receives "status.json" from a Claude Code signed in to organization "0f1e2d3c-aaaa-4bbb-8ccc-000000000001"
    And the statusline receives "status.json" from a Claude Code signed in to organization "0f1e2d3c-aaaa-4bbb-8ccc-000000000002"
    Then statusline run 1 printed a line matching "\| week 41\.2% \| ~7(\.\d)? requests to the 5h limit$"
    And statusline run 2 printed a line matching "\| week 41\.2% \| ~1[45](\.\d)? requests to the 5h limit$"

  Scenario: a payload without rate limits shows the model and records nothing
    Given a file "apikey.json" containing:
      """
      {"model": {"display_name": "Sonnet 4.5"}}
      """
    When the statusline receives "apikey.json" 1 time
    Then every run exited 0 and printed one line starting with "Sonnet 4.5 | no rate limits reported"
    And "snapshots.jsonl" has 0 rows

  Scenario: readings do not disturb windows
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 10}}
      """
    And agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    When the statusline receives "status.json" 1 time
    And I run "preview"
    Then stdout has a line matching "claude-20261120-1000 +10% .* open"
    And stdout does not contain "ignored"

  Scenario: global options may stand before the command
    When I run "--agent bob --data-dir other statusline" with input:
      """
      {"model": {"display_name": "Opus 4.1"}, "rate_limits": {"five_hour": {"used_percentage": 5, "resets_at": 4102444800}}}
      """
    Then the command succeeds
    And "snapshots.jsonl" has 0 rows
    And the file "other/snapshots.jsonl" has a reading by "bob"

  Scenario: a model name cannot break the one line
    When I run "statusline" with input:
      """
      {"model": {"display_name": "Opus\nSECOND LINE\u001b[2J"}, "rate_limits": {"five_hour": {"used_percentage": 5, "resets_at": 4102444800}}}
      """
    Then the command succeeds
    And stdout has a line matching "^Opus SECOND LINE \[2J \| 5h 5% "
    And stdout has 1 line

  Scenario: the help gives this install's statusLine command, which works from any directory without npx
    # npx costs about half a second of CPU per message and finds the bin only in this package's directory.
    When I run "statusline --help"
    Then the command succeeds
    When the statusLine command the help printed runs from another directory with "status.json"
    Then every run exited 0 and printed one line starting with "Opus 4.1 | 5h 23.5% (resets in "
    And "snapshots.jsonl" has 1 "reading" row

  Scenario: the bin's statusline path loads its code from few files
    # Each ES module Node resolves and reads costs start-up time, paid after every Claude Code message (ADR 0025).
    Then the built statusline loads 4 of the package's own files
