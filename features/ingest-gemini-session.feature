@automation
Feature: Gemini CLI's session files become token uses without a proxy
  `tracker ingest gemini-session` reads each answer's tokens and model from Gemini CLI's session files
  (<home>/tmp/<project>/chats/session-*.jsonl; the real 0.61.0 file, sources/parsers/test-fixtures/real/), counts an
  answer once though the CLI writes it again with its tool calls, and remembers how far it read each file. `tracker usage`
  then shows them by day or session, priced at list prices, as ccusage shows the same files.

  Scenario: each answer once, in the proxy's convention, and nothing twice on a re-run
    Given the real Gemini session "gemini-0.61.0-session.jsonl" in the Gemini home "gemini-home"
    When I run "ingest gemini-session --gemini-home gemini-home"
    Then the command succeeds
    And stdout contains "recorded 3 answers for gemini"
    And "snapshots.jsonl" has 3 "reading" rows
    And row 3 of "snapshots.jsonl" has "tokens" = "{\"input\":250,\"output\":8,\"cache_read\":1800,\"total\":2058}"
    And row 3 of "snapshots.jsonl" has "format" = "\"gemini-session\""
    When I run "ingest gemini-session --gemini-home gemini-home --json"
    Then the command succeeds
    And the JSON output has "readings" = "0"
    When I run "usage --by session --tz UTC"
    Then the command succeeds
    And stdout has a line matching "^  e9ee19c1-fe81-486d-aae3-dc28ad854717 +gemini +gemini-2\.5-pro +2,150 +78 +1,800 +0 +4,028 +<\$0\.01 +2026-11-27 +gemini-session$"

  Scenario: a home without session folders is one line naming the flag
    When I run "ingest gemini-session --gemini-home nowhere"
    Then the command fails with "no tmp directory in"
    And the exit code is 5
    And stderr contains "--gemini-home"
