@automation
Feature: Claude Code's own transcripts become token uses, counted as ccusage counts them, by project and sub-agent
  `tracker ingest claude-transcripts` reads each answer's `message.usage` from Claude Code's transcripts
  (<config>/projects/<project>/<session>.jsonl, a sub-agent's in <session>/subagents/), as the real ccusage 20.0.24
  reads them: one copy of each message and request (the fullest: Claude Code writes an answer once per content block
  while it streams, and copies a resumed session's answers into the new file). The transcripts here are three sessions
  in two projects, shaped on the real 2.1.329 file (sources/parsers/test-fixtures/claude-config/). `tracker usage`
  then shows them by day, session, project (the transcript's `cwd`) or sub-agent (its sidechain), and `tracker plans`
  and `tracker calibrate` count them as they count the proxy's requests.

  Scenario: each answer once, equal to the real ccusage token for token in two time zones, and nothing twice on a re-run
    Given the Claude Code transcripts of two projects in the scenario's Claude config
    When I run "ingest claude-transcripts"
    Then the command succeeds
    And stdout contains "Read 4 of 4 transcripts"
    And stdout contains "recorded 7 answers for claude"
    When I run "ingest claude-transcripts --json"
    Then the command succeeds
    And the JSON output has "readings" = "0"
    And tracker usage's daily totals for "claude" in "UTC" equal the real ccusage's over the same transcripts
    And tracker usage's daily totals for "claude" in "Europe/Paris" equal the real ccusage's over the same transcripts
    When I run "usage daily --tz UTC"
    Then the command succeeds
    And stdout has a line matching "^  2026-11-20 +claude +claude-sonnet-4-5 +8 +625 +12,000 +12,800 +25,433 +\$0\.06 +claude-transcript$"
    And stdout has a line matching "^  Total +1,632 +2,137 +41,000 +24,600 +69,369 +\$0\.17$"

  Scenario: by project and by sub-agent; tokens whose source names neither are shown as (unknown), not dropped
    Given the Claude Code transcripts of two projects in the scenario's Claude config
    And the real fixture "ccusage-20.0.24-codex-daily.json"
    When I run "ingest claude-transcripts"
    And I run "ingest ccusage --input ccusage-20.0.24-codex-daily.json"
    And I run "usage --by project --tz UTC"
    Then the command succeeds
    And stdout has a line matching "^  /work/alpha +claude +claude-haiku-4-5, claude-sonnet-4-5 +1,616 +1,287 +32,000 +15,300 +50,203 +\$0\.08 +claude-transcript$"
    And stdout has a line matching "^  /work/beta +claude +claude-opus-4-5 +16 +850 +9,000 +9,300 +19,166 +\$0\.08 +claude-transcript$"
    And stdout has a line matching "^  \(unknown\) +codex +\(not named\) +1,000 +9 +200 +0 +1,209 +<\$0\.01 +ccusage$"
    And stdout has a line matching "^  Total +2,632 +2,146 +41,200 +24,600 +70,578 "
    When I run "usage --by subagent --tz UTC --since 2026-11-20 --until 2026-11-20"
    Then the command succeeds
    And stdout has a line matching "^  5e1f0c2a +claude +claude-haiku-4-5 +1,600 +150 +7,200 +500 +9,450 +<\$0\.01 +claude-transcript$"
    And stdout has a line matching "^  \(main\) +claude +claude-sonnet-4-5 +8 +625 +12,000 +12,800 +25,433 +\$0\.06 +claude-transcript$"
    When I run "usage --by project --tz UTC --json"
    Then the command succeeds
    And the JSON output has "rows.0.group" = "\"/work/alpha\""

  Scenario: two logins, the first partly behind the proxy: every request once, equal to the real ccusage over both config dirs
    # Before, the transcripts named no account, so on a day the proxy saw the first login they were all set aside,
    # the second login's and the first login's other terminal's with them. Each config dir's .claude.json names its
    # login now, and a transcript's answer whose request id the proxy carried is left to the proxy's row.
    Given the Claude Code transcripts of two projects in the scenario's Claude config
    And the scenario's Claude config is signed in to organization "8f1d2c3b-aaaa-4bbb-8ccc-000000000001"
    And a second login's Claude Code transcripts in "claude-second", signed in to organization "8f1d2c3b-aaaa-4bbb-8ccc-000000000002"
    And the proxy carried the scenario's Claude config's answers but each day's last, for organization "8f1d2c3b-aaaa-4bbb-8ccc-000000000001"
    When I run "ingest claude-transcripts --claude-dir claude-config,claude-second"
    Then the command succeeds
    And tracker usage's daily totals for "claude" in "UTC" equal the real ccusage's over the config dirs "claude-config,claude-second"
    When I run "usage --tz UTC --since 2026-11-20 --until 2026-11-20"
    Then the command succeeds
    And stdout has a line matching "^  2026-11-20  claude@acct-\S+ +claude-sonnet-4-5 +8 +625 +12,000 +12,800 +25,433 +\$0\.06  proxy\+claude-transcript$"
    And stdout has a line matching "^  2026-11-20  claude@acct-\S+ +claude-sonnet-4-5 +8 +625 +12,000 +12,800 +25,433 +\$0\.06  claude-transcript$"
    When I run "usage --by project --tz UTC"
    Then the command succeeds
    And stdout does not contain "(unknown)"

  Scenario: tracker plans replays the transcripts' tokens as the user's demand
    Given the Claude Code transcripts of two projects in the scenario's Claude config
    When I run "ingest claude-transcripts"
    And I run "plans --since 2026-11-20 --until 2026-11-22 --tz UTC"
    Then the command succeeds
    And stdout contains "claude (held: unknown; 69k tokens asked)"

  Scenario: a folder without projects is one line naming the flag
    When I run "ingest claude-transcripts --claude-dir nowhere"
    Then the command fails with "no projects folder in nowhere"
    And the exit code is 5
    And stderr contains "--claude-dir"
