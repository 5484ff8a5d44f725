@invariant
Feature: Invariant 2 — reset buffer
  An after taken within 5 minutes after a reset the screens show is refused unless forced; forced, it
  is tagged late-after and an anomaly is logged. A window whose 5h bar reset in between gets a null delta.

  Background:
    Given a file "before.txt" containing:
      """
      │  5h limit:     [████░░░░░░░░░░░░░░░░] 20% used (resets 14:32)     │
      │  Weekly limit: [████████░░░░░░░░░░░░] 40% used (resets 09:10 on 27 Nov) │
      """
    And a file "after-reset.txt" containing:
      """
      │  5h limit:     [░░░░░░░░░░░░░░░░░░░░] 2% used (resets 19:32)      │
      │  Weekly limit: [████████░░░░░░░░░░░░] 42% used (resets 09:10 on 27 Nov) │
      """
    And agent "main" has recorded a before for "codex" from "before.txt" at "2026-11-20T13:00:00Z"

  Scenario: an after 2 minutes after the reset is refused
    Given I note the bytes of every ledger file
    When agent "main" records an after for "codex" from "after-reset.txt" at "2026-11-20T14:34:00Z"
    Then the command fails with "within 5 minutes after the five_hour reset at 2026-11-20T14:32:00.000Z"
    And every ledger file is byte-identical to before
    And a reject is kept with a reason containing "pass --force"

  Scenario: --buffer-seconds sets the buffer: 90 s lets an after 2 minutes past the reset through
    When agent "main" runs "snapshot after --provider codex --input after-reset.txt --at 2026-11-20T14:34:00Z --buffer-seconds 90"
    Then the command succeeds
    And stdout contains "Capacity delta: null (reset-crossed)"

  Scenario: --buffer-seconds 600 holds back an after 8 minutes past the reset, saying so
    When agent "main" runs "snapshot after --provider codex --input after-reset.txt --at 2026-11-20T14:40:00Z --buffer-seconds 600"
    Then the command fails with "within 10 minutes after the five_hour reset at 2026-11-20T14:32:00.000Z; bars may not have settled: wait until 10 minutes after the reset"
    When agent "main" runs "snapshot after --provider codex --input after-reset.txt --at 2026-11-20T14:40:00Z --buffer-seconds 5m"
    Then the command fails with "--buffer-seconds: expected whole seconds from 0 to 86400, got \"5m\""

  Scenario: forced, the after is tagged late-after and an anomaly is logged
    When agent "main" runs "snapshot after --provider codex --input after-reset.txt --at 2026-11-20T14:34:00Z --force"
    Then the command succeeds
    And row 2 of "snapshots.jsonl" has "tags" = "[\"late-after\",\"forced\"]"
    And "anomalies.jsonl" has an anomaly "late-after"
    And "anomalies.jsonl" has an anomaly "reset-crossed"
    When I run "preview"
    Then stdout has a line matching "codex-20261120-1300 .* null .*reset-crossed"
    And stdout contains "Anomalies: 2 (see anomalies.jsonl)"

  Scenario: an after well past the reset is accepted but its delta is null
    When agent "main" records an after for "codex" from "after-reset.txt" at "2026-11-20T14:40:00Z"
    Then the command succeeds
    And stdout contains "Capacity delta: null (reset-crossed)"
    And "anomalies.jsonl" has 1 "anomaly" row

  Scenario: an after before the reset is not held back
    Given a file "after.txt" containing:
      """
      │  5h limit:     [██████░░░░░░░░░░░░░░] 30% used (resets 14:32)     │
      """
    When agent "main" records an after for "codex" from "after.txt" at "2026-11-20T14:30:00Z"
    Then the command succeeds
    And stdout contains "Capacity delta: 10% of the 5h window"

  Scenario: a reset only the after reveals still nulls the delta
    Given a file "plain-before.json" containing:
      """
      {"five_hour": {"used_pct": 40}}
      """
    And a file "plain-after.json" containing:
      """
      {"five_hour": {"used_pct": 50, "resets_at": "2026-11-20T19:32:00Z"}}
      """
    And agent "sub" has recorded a before for "glm" from "plain-before.json" at "2026-11-20T13:00:00Z"
    When agent "sub" records an after for "glm" from "plain-after.json" at "2026-11-20T15:00:00Z"
    Then the command succeeds
    And stdout contains "Capacity delta: null (reset-crossed)"

  Scenario: a reset seen only in a Codex rollout holds back an after taken by hand
    Given a file "plain-before.json" containing:
      """
      {"five_hour": {"used_pct": 40}}
      """
    And a file "plain-after.json" containing:
      """
      {"five_hour": {"used_pct": 3}}
      """
    And a Codex rollout "2025/11/20/rollout-2025-11-20T11-30-00-019a0000-0000-7000-8000-0000000000aa.jsonl" with:
      """
      {"timestamp":"2025-11-20T11:30:00.000Z","type":"event_msg","payload":{"type":"token_count","info":null,"rate_limits":{"primary":{"used_percent":41,"window_minutes":300,"resets_at":1763640000}}}}
      """
    And agent "sub" has recorded a before for "codex" from "plain-before.json" at "2025-11-20T10:00:00Z"
    And I run "ingest codex-rollout --codex-home codex-home"
    When agent "sub" records an after for "codex" from "plain-after.json" at "2025-11-20T12:02:00Z"
    Then the command fails with "within 5 minutes after the five_hour reset at 2025-11-20T12:00:00.000Z"
