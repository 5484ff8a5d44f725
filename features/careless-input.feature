@hardening @careless-input
Feature: Input that would silently mislead is refused
  A manual capture under a mistyped provider id would start a second ledger for that provider and split
  its windows in two; a screen pasted under the wrong provider would mix two subscriptions' bars. Both are
  refused with one line naming what was wrong, and nothing is recorded. A new provider is one flag away.

  Scenario: a provider id the data dir has never seen needs --new-provider
    When I run "snapshot before --provider cladue --input plain-reading.json"
    Then the command fails with "--provider: provider \"cladue\" is new to this data dir; did you mean claude? (it knows claude, codex, "
    And stderr contains "): pass --new-provider"
    And the file "data/snapshots.jsonl" does not exist
    When I run "snapshot before --provider gemini --new-provider --input plain-reading.json"
    Then the command succeeds
    When I run "snapshot after --provider gemini --input plain-reading.json"
    Then the command succeeds

  Scenario: a Codex screen recorded as Claude is refused naming both, and kept
    When I run "snapshot before --provider claude --input codex-status-before.txt --at 2026-11-20T10:00:00Z"
    Then the command fails with "--provider: the input is a codex-status screen (codex), but --provider is claude: pass --provider codex"
    And a reject is kept with a reason containing "codex-status screen"
    And the file "data/snapshots.jsonl" does not exist
