@preview
Feature: tracker preview carries its last scan on instead of reading every row again
  The first `tracker preview` reads every row of windows.jsonl and snapshots.jsonl and stores a checkpoint of
  what it folded in state/preview/ (one per filter and --limit; derived data, so deleting it only costs one
  full scan). A later preview reads only the rows appended since. Whenever that could differ from reading
  everything (a retraction or correction of an older row, another completion of a window already folded, a
  file replaced or cut short, a damaged checkpoint) it reads every row again; `--full-scan` always does
  (ADR 0019).

  Background:
    Given "claude" has a completed window from 10% to 20% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    And "codex" has a completed window from 10% to 25% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    And "claude" has a completed window from 20% to 32% and 2000 to 4000 tokens at "2026-11-20T10:00:00Z"
    When I run "preview --json"
    Then the command succeeds
    And a preview checkpoint is stored

  Scenario: a preview after new windows, carried on from the checkpoint, prints what a full scan prints
    Given "codex" has a completed window from 25% to 45% and 2000 to 4000 tokens at "2026-11-20T10:00:00Z"
    And "claude" has a completed window from 32% to 40% and 4000 to 5000 tokens at "2026-11-20T11:00:00Z"
    When I run "preview --json"
    And I keep stdout as "carried"
    And I run "preview --json --full-scan"
    Then the command succeeds
    And stdout equals the kept "carried"
    And stdout contains "\"windows_total\": 5"

  Scenario: rows before the checkpoint are not read again, so only --full-scan sees a row rewritten in place
    Given the first row of "windows.jsonl" is rewritten in place from "\"quality_score\":1" to "\"quality_score\":0"
    When I run "preview --json"
    And I keep stdout as "carried"
    And I run "preview --json --full-scan"
    Then stdout differs from the kept "carried"

  Scenario: an amend of a window already folded makes the next preview read every row
    Given the first row of "windows.jsonl" is rewritten in place from "\"quality_score\":1" to "\"quality_score\":0"
    And I run "complete --provider claude --quality 0.5 --outcome partial --amend"
    When I run "preview --json"
    And I keep stdout as "after the amend"
    And I run "preview --json --full-scan"
    Then stdout equals the kept "after the amend"

  Scenario: a preview of one provider, from its checkpoint, still knows that provider; a mistyped one stores nothing
    When I run "preview --json --provider codex"
    And I run "preview --json --provider codex"
    Then the command succeeds
    And stdout contains "\"windows_total\": 1"
    When I run "preview --provider codx"
    Then the command fails with "--provider: no window of provider \"codx\""
    And there are 2 preview checkpoints
