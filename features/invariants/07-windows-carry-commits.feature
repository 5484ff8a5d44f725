@invariant
Feature: Invariant 7 — windows carry their commits
  A completed window records commit_start, commit_end, methodology and feature_id.

  Background:
    Given a file "before.json" containing:
      """
      {"five_hour": {"used_pct": 10}}
      """
    And a file "after.json" containing:
      """
      {"five_hour": {"used_pct": 18}}
      """

  Scenario: commits given on the command line are kept
    Given agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And agent "main" has recorded an after for "claude" from "after.json" at "2026-11-20T11:00:00Z"
    When agent "main" runs "complete --provider claude --quality 0.75 --outcome partial --feature F7 --commit-start abc1234 --commit-end def5678 --methodology 'seed 7, AB'"
    Then the command succeeds
    And row 1 of "windows.jsonl" has "feature_id" = "\"F7\""
    And row 1 of "windows.jsonl" has "commit_start" = "\"abc1234\""
    And row 1 of "windows.jsonl" has "commit_end" = "\"def5678\""
    And row 1 of "windows.jsonl" has "methodology" = "\"seed 7, AB\""
    And row 1 of "windows.jsonl" has "capacity.delta" = "8"

  Scenario: commits default to the git HEAD at the before and at completion
    Given the working directory is a git repository with one commit
    And agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And a second commit is made in the working directory
    And agent "main" has recorded an after for "claude" from "after.json" at "2026-11-20T11:00:00Z"
    When agent "main" runs "complete --provider claude --quality 1 --outcome success --feature F8"
    Then the command succeeds
    And row 1 of "windows.jsonl" has "commit_start" equal to the first commit
    And row 1 of "windows.jsonl" has "commit_end" equal to the second commit
    And row 1 of "windows.jsonl" has "methodology" = "\"manual\""

  Scenario: a commit that is not a SHA is refused
    Given agent "main" has recorded a before for "claude" from "before.json" at "2026-11-20T10:00:00Z"
    And agent "main" has recorded an after for "claude" from "after.json" at "2026-11-20T11:00:00Z"
    And I note the bytes of every ledger file
    When agent "main" runs "complete --provider claude --quality 1 --outcome success --commit-start 'HEAD~1; rm -rf'"
    Then the command fails with "--commit-start: expected a git commit SHA"
    And every ledger file is byte-identical to before
