@reports
Feature: tracker plans: failover portfolios replayed against your history
  The month of features/plans.feature: Claude use through the proxy on Claude Pro (a 5-hour bar of 100,000 tokens, a
  weekly one of 500,000), 50,000 tokens a day in one 5-hour window, and on day 9 120,000, of which Pro holds back the
  last 20,000 from 13:30 to its 14:00 reset. A failover chain moves what a window refuses to another account until
  that reset: a second Claude account on Pro takes the 20,000 (its own bar of 100,000), so the hit and its half hour
  are gone for $20 more a month, beside Max 5x ($80 more) and one more seat. GLM's tokens are not Claude's without an
  experiment's exchange of correct work, whether or not its bars were read: that chain is n/a, saying so.

  Background:
    Given a month of Claude use through the proxy: a 5-hour bar of 100000 tokens and a weekly one of 500000; 5 requests of 10000 tokens a day from 09:00, one an hour, and on day 9 7 more

  Scenario: a second account takes the heavy window's overflow; GLM, with no measured exchange, is n/a with the reason
    When I run "plans --plan claude=claude-pro --until 2026-11-01"
    Then the command succeeds
    And stdout contains "Failover: what a plan's window refuses moves to another account until the reset"
    And stdout contains "claude on claude-pro ($20 a month): hits 1, waited 0.5 [0.5, 0.6] h"
    # 20,000 tokens moved in 28 days: 21,741 a month.
    And stdout has a line matching "^  claude>claude to a second claude account on claude-pro +\+\$20  hits avoided 1 \(1 -> 0\), hours no longer waited 0\.5 \[0\.5, 0\.6\] \(0\.5 -> 0\.0\), 22k tokens a month moved, correct work n/a \(no experiment measured claude's correct work per token\)$"
    And stdout has a line matching "^  hold a bigger tier: claude-max-5x +\+\$80  hits avoided 1 \(1 -> 0\), hours no longer waited 0\.5 \[0\.5, 0\.6\] \(0\.5 -> 0\.0\)"
    And stdout contains "  claude>glm to a new glm account (glm-coding-lite, glm-coding-pro, glm-coding-max): n/a: no experiment measured claude's correct work per token: claude's tokens cannot be counted in glm's"
    And stdout contains "  add a seat: n/a: no provider the experiment measured that you do not use"
    When I run "plans --plan claude=claude-pro --until 2026-11-01 --json"
    Then the command succeeds
    And the JSON output has "failover.0.plan" = "\"claude-pro\""
    And the JSON output has "failover.0.options.0.name" = "\"claude>claude\""
    And the JSON output has "failover.0.options.0.hits_avoided.estimate" = "1"
    And the JSON output has "failover.0.options.0.hours_saved.estimate" = "0.5"
    And the JSON output has "failover.0.options.0.moved_tokens" = "21741"
    And the JSON output has "failover.0.options.0.work_per_usd" = "null"
    And the JSON output has "failover.0.options.1.name" = "\"claude>glm\""
    And the JSON output has "failover.0.options.1.hits" = "null"

  Scenario: GLM read but unmeasured: its tokens are not counted as Claude's, and the chain says so
    Given a month of glm use through the proxy: a 5-hour bar of 100000 tokens and a weekly one of 500000; 1 requests of 10000 tokens a day from 09:00, one an hour, and on day 3 0 more
    When I run "plans --plan claude=claude-pro --plan glm=glm-coding-lite --until 2026-11-01"
    Then the command succeeds
    And stdout contains "  claude>glm to glm (glm-coding-lite): n/a: no experiment measured claude's correct work per token: claude's tokens cannot be counted in glm's"
