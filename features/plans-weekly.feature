@reports
Feature: tracker plans: a week over the plan's weekly limit
  The month of features/plans.feature on a weekly bar of 360,000 tokens: 350,000 a week fit, but the heavy week asks
  420,000 (50,000 a day from Monday, 120,000 on the heavy Wednesday). The weekly bar reads whole percents, so each
  week's pair of readings runs from 2% (the first request's 2.8%) to 97% (97.2%) over 340,000 tokens: the calibration
  sizes the week at 3,577 tokens per 1% [3,562, 3,592], 357,700 tokens, just under the true 360,000. Its request that
  passes it is then the 12:00 one of Saturday, Oct 17 (350,000 before it), and the wait runs to the weekly reset, Monday
  Oct 19 00:00: 36 h, with the 5-hour hit's half hour 36.5 h.

  Background:
    Given a month of Claude use through the proxy: a 5-hour bar of 100000 tokens and a weekly one of 360000; 5 requests of 10000 tokens a day from 09:00, one an hour, and on day 9 7 more

  Scenario: Pro hits its weekly limit once and its 5-hour one once; Max 5x, sized 3.5 times its week, neither
    When I run "plans --plan claude=claude-pro --until 2026-11-01 --json"
    Then the command succeeds
    And the JSON output has "accounts.0.outcomes.0.hits.estimate" = "2"
    And the JSON output has "accounts.0.outcomes.0.hit_windows.1.bar" = "\"weekly\""
    And the JSON output has "accounts.0.outcomes.0.hit_windows.1.hit" = "\"2026-10-17T12:00:00.000Z\""
    And the JSON output has "accounts.0.outcomes.0.hit_windows.1.end" = "\"2026-10-19T00:00:00.000Z\""
    And the JSON output has "cheapest_covering.plans.0" = "\"claude-max-5x\""
    When I run "plans --plan claude=claude-pro --until 2026-11-01"
    Then the command succeeds
    And stdout has a line matching "^  claude-pro +\$20  2 +36\.5 "
    And stdout contains "Seen at a limit in the history: claude's five_hour bar in 1 period(s), claude's weekly bar in 1 period(s)"
    When I run "plans --plan claude=claude-pro --until 2026-11-01 --backtest"
    Then the command succeeds
    # Sized on week 1 alone, week 2's two hits (the 5-hour and the weekly) are predicted, and both bars were seen at 100%.
    And stdout has a line matching "^claude +claude-pro +2  2026-10-12 +1 wk  2 \[2, 2\] +2 +350,000  420,000$"
    And stdout contains "Error over the history: hits 0.00 a week (mean absolute)"
