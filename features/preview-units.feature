@preview
Feature: tracker preview shows work per unit in one named unit, with power against one baseline
  The block is priced as `experiment report` prices it: each provider's summed quality over its summed dollars
  of subscription when every window has a plan, else per unit of the provider's own bar with the reason printed
  (`--unit usd|bars|tokens` asks for one). Every provider but the baseline ends its line with the power of the
  decision on work per unit, simulated on the tasks both ran, to see 20% more; the baseline's line says
  `baseline`. `--record` keeps the unit, the baseline and each power for gate G1.

  Scenario: a simulated pair without prices: bars, the reason, power against the first provider by name
    Given I run "experiment simulate --seed planted --effect 2 --tasks 12 --write"
    When I run "preview --limit 1"
    Then the command succeeds
    And stdout contains "Work per bar unit (summed quality over summed % of the 5h window; per 1M tokens for token windows):"
    And stdout contains "(per bar unit, not per $: 24 window(s) have no plan to price them by ("
    And stdout has a line matching "^  sim-a: n=12 \(of 12 windows\) .* baseline$"
    And stdout has a line matching "^  sim-b: n=12 \(of 12 windows\) work=\S+ .* power=(0|0\.\d+|1) \(12 tasks\) quality_ratio="
    When I run "preview --limit 1 --unit tokens --baseline sim-b"
    Then the command succeeds
    And stdout contains "Work per 1M tokens (summed quality over summed tokens):"
    And stdout has a line matching "^  sim-b: .* baseline$"
    When I run "preview --unit pct"
    Then the command fails with "--unit: expected one of usd, bars, tokens, got \"pct\""
    When I run "preview --record"
    Then the command succeeds
    And the last row of "previews.jsonl" has "unit" = "\"bars\""
    And the last row of "previews.jsonl" has "baseline" = "\"sim-a\""
    And the last row of "previews.jsonl" has "baseline_source" = "\"first-by-name\""
