@reports
Feature: tracker plans: a provider the experiment measured, offered as one more seat
  A month of use of a Claude-like subscription (the simulated sim-claude: a 5-hour bar of 100,000 tokens, a weekly one
  of 500,000), and an experiment that measured it and a GLM-like one (sim-glm) on three tasks. The month's heavy day
  asks 120,000 tokens in one 5-hour window: the plan held keeps 20,000 back. With sim-glm as a second seat that work is
  moved to it as the same correct work (its tokens scaled by the two providers' work per token) and replayed against
  sim-glm's own bars, sized on the experiment's readings; the experiment's own use is not your demand. A seat can
  also take all of it, in place of the plan held (a switch).

  Background:
    Given a month of sim-claude use through the proxy: a 5-hour bar of 100000 tokens and a weekly one of 500000; 5 requests of 10000 tokens a day from 09:00, one an hour, and on day 9 7 more
    And I run "experiment run --seed 42 --providers sim-claude,sim-glm --only ini-parser,lru-cache-ttl,csv-line-parser --no-stop-rules --no-report"

  Scenario: the seat takes what the limit held back, so the portfolio waits no hour; each is weighed in correct work
    When I run "plans --plan sim-claude=sim-max --until 2026-11-01"
    Then the command succeeds
    And stdout has a line matching "^  sim-max +\$200  1 +0\.5 \[0\.5, 0\.6\]$"
    And stdout has a line matching "^  sim-max \+ sim-lite +\$230  hits \(on the seat\) 0, waited 0\.0 h, .*; work moved to sim-glm: "
    And stdout contains "Cheapest without a limit hit: sim-max + sim-lite ($230 a month)"
    # Under Failover, beside the seat: a second sim-claude account takes the same 20,000, weighed in correct work too.
    And stdout has a line matching "^  sim-claude>sim-claude to a second sim-claude account on sim-max +\+\$200  hits avoided 1 \(1 -> 0\), .*, correct work \d+\.\d{3} \[\d+\.\d{3}, \d+\.\d{3}\] tasks a month a \$$"
    And stdout has a line matching "^  add a seat: sim-max \+ sim-lite +\+\$30  hits avoided 1 \(1 -> 0\), hours no longer waited 0\.5 \[0\.5, 0\.6\] \(0\.5 -> 0\.0\), "
    # Or giving up sim-max: all of the month moved to sim-glm (a switch), whose 5-hour bar it passes.
    And stdout has a line matching "^  sim-lite +\$30  hits \(on the seat\) [1-9]\d* .*; work moved to sim-glm: "
    And stdout contains "uses by the experiment's arms are left out of your demand"
    And stdout contains "Adding a seat: the experiment's gates (seed 001) are the evidence behind it"
    And stdout has a line matching "^  G1 (pass|fail|not evaluable): "
    And stdout has a line matching "^  Decision: "
    # The verdict is the plan's exact sequence, the gates read their own intervals: the page says so, and what a tail can still do to them.
    And stdout contains "  The gates' intervals are their own (the delta method on the tasks run) and G1's power is the plan's decision's"
    When I run "plans --plan sim-claude=sim-max --until 2026-11-01 --json"
    Then the command succeeds
    And the JSON output has "portfolios.2.seat.provider" = "\"sim-glm\""
    And the JSON output has "portfolios.0.plans.0" = "\"sim-lite\""
    And the JSON output has "accounts.length" = "1"
    And the JSON output has "seat_evidence.gates.length" = "3"
    And the JSON output has "seat_evidence.note" = "\"The gates' intervals are their own (the delta method on the tasks run) and G1's power is the plan's decision's: they ask whether the measurement is precise and powered, whether the backlog presses and whether the sub-agent trial met its targets, not which provider is ahead (the verdict's question, decided by the exact sequence). A runaway not yet seen would still overstate G3's cost reduction, read on the tasks run.\""
