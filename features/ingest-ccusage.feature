@automation
Feature: ccusage reports become readings, once
  `tracker ingest ccusage` records the token totals of `ccusage … --json` (from a file, stdin, or the real
  ccusage run with --json --offline). The reports below were written by the real ccusage 20.0.24 over a
  transcript of the real Claude Code and a rollout of the real Codex (sources/parsers/test-fixtures/real/).

  Scenario Outline: the <report> report ingests to ccusage's own totals
    Given the real fixture "ccusage-20.0.24-<report>.json"
    When I run "ingest ccusage --input ccusage-20.0.24-<report>.json"
    Then the command succeeds
    And stdout contains "Read ccusage <name>: <entries> entries, <tokens> tokens; recorded <entries> readings"
    And the "reading" rows of "snapshots.jsonl" add up to <tokens> tokens for "<provider>"

    Examples:
      | report         | name           | entries | tokens | provider |
      | claude-daily   | claude daily   | 1       | 2512   | claude   |
      | claude-weekly  | claude weekly  | 1       | 2512   | claude   |
      | claude-monthly | claude monthly | 1       | 2512   | claude   |
      | claude-session | claude session | 1       | 2512   | claude   |
      | claude-blocks  | claude blocks  | 1       | 2512   | claude   |
      | codex-daily    | codex daily    | 1       | 1209   | codex    |
      | codex-monthly  | codex monthly  | 1       | 1209   | codex    |
      | codex-session  | codex session  | 1       | 1209   | codex    |

  Scenario: ingesting the same report twice adds nothing the second time
    Given the real fixture "ccusage-20.0.24-claude-session.json"
    And I run "ingest ccusage --input ccusage-20.0.24-claude-session.json"
    And I note the bytes of every ledger file
    When I run "ingest ccusage --input ccusage-20.0.24-claude-session.json"
    Then the command succeeds
    And stdout contains "recorded 0 readings, 1 already in the ledger"
    And every ledger file is byte-identical to before

  Scenario: a unified report that mixes agents is refused unless a provider is named
    Given the real fixture "ccusage-20.0.24-all-daily.json"
    When I run "ingest ccusage --input ccusage-20.0.24-all-daily.json"
    Then the command fails with "daily[0].agent: the unified report mixes claude, codex"
    And "snapshots.jsonl" has 0 rows
    When I run "ingest ccusage --input ccusage-20.0.24-all-daily.json --provider team"
    Then the command succeeds
    And the "reading" rows of "snapshots.jsonl" add up to 3721 tokens for "team"

  Scenario: an agent's own report given another agent's --provider is refused, naming both, and nothing is appended
    Given the real fixture "ccusage-20.0.24-claude-daily.json"
    When I run "ingest ccusage --input ccusage-20.0.24-claude-daily.json --provider codex"
    Then the command fails with "ccusage-20.0.24-claude-daily.json: --provider codex, but this is a claude report (ccusage claude daily: totalCost, models claude-opus-5-5): --provider only names the provider of a unified report that mixes agents; drop it to record this one as claude's (input kept at "
    And "snapshots.jsonl" has 0 rows
    And the kept input is identical to "ccusage-20.0.24-claude-daily.json"
    When I run "ingest ccusage --input ccusage-20.0.24-claude-daily.json --provider claude"
    Then the command succeeds
    And the "reading" rows of "snapshots.jsonl" add up to 2512 tokens for "claude"

  Scenario: a unified report's entries that name their own agent keep it, and stderr says --provider did not name them
    Given the real fixture "ccusage-20.0.24-all-session.json"
    When I run "ingest ccusage --input ccusage-20.0.24-all-session.json --provider team"
    Then the command succeeds
    And stderr contains "note: --provider team applies only to entries that mix agents: 2 of 2 entries name their own agent and are recorded as theirs (codex, claude)"
    And the "reading" rows of "snapshots.jsonl" add up to 2512 tokens for "claude"

  Scenario: a report with a renamed field is refused, naming it, and nothing is appended
    Given the real fixture "ccusage-20.0.24-claude-daily.json" with "totalTokens" renamed to "tokens_total"
    When I run "ingest ccusage --input renamed.json"
    Then the command fails with "daily[0].totalTokens: Invalid input: expected number"
    And "snapshots.jsonl" has 0 rows
    And the kept input is identical to "renamed.json"

  Scenario: the real ccusage run over the real Claude Code transcript agrees with the ledger
    Given the real Claude Code transcript is in the scenario's HOME
    When I run the real ccusage through "ingest ccusage --run 'claude daily' --window w1"
    Then the command succeeds
    And the "reading" rows of "snapshots.jsonl" add up to 2512 tokens for "claude"
    And row 1 of "snapshots.jsonl" has "window_id" = "\"w1\""
