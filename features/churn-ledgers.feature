@automation
Feature: Churn and token checkpoints in CSV ledgers
  `tracker churn` records git diff --numstat between a window's commits in Churn_Ledger.csv;
  `tracker checkpoint plan|mid|final` records tokens so far in Token_Churn_Ledger.csv.

  Background:
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 10}, "tokens": {"total": 1000}}
      """
    And a file "after.json" containing:
      """
      {"five_hour": {"used_pct": 18}, "tokens": {"total": 4500}}
      """
    And the working directory is a git repository with one commit
    And agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And a commit adds 12 lines to "src/feature.ts" and removes 1 line from "first.txt"

  Scenario: churn of a completed window matches git diff --numstat of its commits
    Given agent "main" has recorded an after for "claude" from "after.json" at "2026-11-20T11:00:00Z"
    And agent "main" has run "complete --provider claude --quality 1 --outcome success --feature F9"
    When I run "churn --window claude-20261120-1000"
    Then the command succeeds
    And "Churn_Ledger.csv" has 1 record
    And record 1 of "Churn_Ledger.csv" matches git diff --numstat from the first commit to the second
    And record 1 of "Churn_Ledger.csv" has "feature_id" = "F9"
    And record 1 of "Churn_Ledger.csv" has "files_changed" = "2"

  Scenario: checkpoints record tokens so far; final also records churn
    When I run "checkpoint plan --window claude-20261120-1000 --tokens 0 --notes 'plan, agreed'"
    Then the command succeeds
    When I run "checkpoint mid --window claude-20261120-1000 --tokens 2100"
    Then the command succeeds
    Given agent "main" has recorded an after for "claude" from "after.json" at "2026-11-20T11:00:00Z"
    When I run "checkpoint final --window claude-20261120-1000"
    Then the command succeeds
    And "Token_Churn_Ledger.csv" has 3 records
    And record 1 of "Token_Churn_Ledger.csv" has "notes" = "plan, agreed"
    And record 3 of "Token_Churn_Ledger.csv" has "tokens" = "3500"
    And record 3 of "Token_Churn_Ledger.csv" has "tokens_from" = "captures"
    And "Churn_Ledger.csv" has 1 record
    And record 1 of "Churn_Ledger.csv" matches git diff --numstat from the first commit to the second
    And stdout contains "Handoff: the files and the next step added to"
    And the file "data/SESSION_HANDOFF.md" contains ": plan checkpoint of claude-20261120-1000 (claude, agent main)"
    And the file "data/SESSION_HANDOFF.md" contains "- notes: plan, agreed"
    And the file "data/SESSION_HANDOFF.md" contains "- next: `tracker checkpoint mid --window claude-20261120-1000 --provider claude`"
    And the file "data/SESSION_HANDOFF.md" contains "- tokens so far: 3500 (captures)"
    And the file "data/SESSION_HANDOFF.md" contains "/data/Churn_Ledger.csv, "
    And the file "data/SESSION_HANDOFF.md" contains "- next: `tracker complete --window claude-20261120-1000 --provider claude --quality Q --outcome O` (if not done), then a new window"

  Scenario: a hand-edited ledger with quotes and commas survives an append
    Given agent "main" has recorded an after for "claude" from "after.json" at "2026-11-20T11:00:00Z"
    And a file "data/Token_Churn_Ledger.csv" containing:
      """
      recorded_at,agent_id,provider,window_id,feature_id,stage,tokens,tokens_from,notes,source,tool_version
      2026-11-19T09:00:00Z,main,claude,old-window,,plan,10,flag,"fixed by hand, see ""notes.md""",manual,0.1.0
      """
    And I note the bytes of every ledger file
    When I run "checkpoint final --window claude-20261120-1000"
    Then the command succeeds
    And the bytes of "Token_Churn_Ledger.csv" noted earlier still start it
    And "Token_Churn_Ledger.csv" has 2 records
    And record 1 of "Token_Churn_Ledger.csv" has "notes" = "fixed by hand, see \"notes.md\""

  Scenario: a checkpoint without token readings asks for --tokens
    When I run "checkpoint mid --window claude-20261120-1000"
    Then the command fails with "--tokens: window claude-20261120-1000 has no token readings at both ends yet"
    And "Token_Churn_Ledger.csv" has 0 records

  Scenario: a failed churn leaves no checkpoint row behind
    When I run "checkpoint final --window claude-20261120-1000 --tokens 500 --repo /nonexistent"
    Then the command fails with "--repo: /nonexistent does not exist"
    And "Token_Churn_Ledger.csv" has 0 records
    And "Churn_Ledger.csv" has 0 records

  Scenario: a commit name that is also a file name is not read as a path
    Given a file "abcdef1" containing:
      """
      not a commit
      """
    When I run "churn --window claude-20261120-1000 --from abcdef1 --to abcdef1"
    Then the command fails with "--from: abcdef1 is not a commit in"

  Scenario: a handoff note that cannot be written is said, and the checkpoint is recorded once
    Given a folder "data/SESSION_HANDOFF.md"
    When I run "checkpoint plan --window claude-20261120-1000 --tokens 0"
    Then the command succeeds
    And stderr contains "warning: SESSION_HANDOFF.md not written:"
    And "Token_Churn_Ledger.csv" has 1 record
