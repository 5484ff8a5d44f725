@invariant
Feature: Invariant 10 — no secrets at rest
  API keys, bearer tokens and auth headers never reach any file the tool writes, nor its error lines.

  Scenario: a refused paste that holds a key keeps the input with the key redacted
    When I run "snapshot before --provider codex" with input:
      """
      x-api-key: abcdefghijklmnopqrstuvwxyz0123456789SECRET
      """
    Then the command fails with "input is not a Codex /status"
    And stderr does not contain "abcdefghijklmnop"
    And no file in the data directory contains "abcdefghijklmnop"
    And a reject is kept with a reason containing "[REDACTED]"

  Scenario: a key inside a JSON reading is not quoted back into rejects/
    When I run "snapshot before --provider glm" with input:
      """
      {"five_hour": {"used_pct": 5}, "weekly": "sk-ant-api03-SECRETSECRETSECRETSECRET"}
      """
    Then the command fails with "weekly"
    And stderr does not contain "SECRETSECRET"
    And no file in the data directory contains "SECRETSECRET"

  Scenario: notes and undo reasons are redacted before they reach the ledger
    Given a file "reading.json" containing:
      """
      {"five_hour": {"used_pct": 5}}
      """
    When I run "snapshot before --provider glm --input reading.json --notes 'Authorization: Bearer sk-ant-api03-NOTESNOTESNOTES'"
    Then the command succeeds
    When I run "undo --provider glm --reason 'x-api-key: REASONREASONREASON'"
    Then the command succeeds
    And no file in the data directory contains "NOTESNOTES"
    And no file in the data directory contains "REASONREASON"
    And row 1 of "snapshots.jsonl" has "notes" = "\"Authorization: [REDACTED]\""
