@reports
Feature: tracker calibrate: a plan's price and each bar's tokens per 1% from everyday readings
  A subscriber's bars (statusLine, `tracker watch`, quota endpoints, the proxy's headers) and the use recorded
  between two readings of one period (the proxy's counts) give each bar's % per list-price dollar and the
  tokens 1% of it buys, with intervals, and each plan's dollars of subscription per list-price dollar, without
  any experiment. The runs below are only a way to get real proxy rows and bar readings into a data dir.

  Scenario: the bar readings and proxy rows of a run give each bar's rate, its tokens per 1% and the plan's price
    Given I run "experiment run --seed 42 --providers sim-claude,sim-codex --only ini-parser,lru-cache-ttl,csv-line-parser --no-stop-rules --no-report"
    When I run "calibrate"
    Then the command succeeds
    And stdout has a line matching "^sim-claude +sim-max +5h +\d+ +[\d.]+ \[[\d.]+, [\d.]+\] +[\d,]+ \[[\d,]+, [\d,]+\] +0$"
    And stdout has a line matching "^sim-claude on sim-max \(plan from its last window\): \$[\d.]+ of subscription per list-price \$ \[[\d.]+, [\d.]+\], on the (5h|weekly) bar, which binds\. Use from: proxy\.$"
    When I run "calibrate --json --provider sim-codex --plan sim-codex=chatgpt-pro"
    Then the command succeeds
    And the JSON output has "calibrations.0.provider" = "\"sim-codex\""
    And the JSON output has "calibrations.0.plan" = "\"chatgpt-pro\""
    And the JSON output has "calibrations.0.plan_from" = "\"flag\""
    And the JSON output has "calibrations.length" = "1"
    When I run "experiment report --calibration readings"
    Then the command succeeds
    And stdout contains "**Deviation:** priced from everyday readings (--calibration readings) for sim-claude, sim-codex, not from the plan's windows"
    And stdout has a line matching "^\| sim-claude +\| sim-max +\| weekly \| .* \| +\d+ pairs of readings \| "

  Scenario: with no recorded use there is nothing to calibrate, and the command says what to record
    Given an empty data dir
    When I run "calibrate"
    Then the command succeeds
    And stdout contains "No provider has both bar readings and recorded use"

  Scenario Outline: a bad request is refused in one line naming the flag
    Given an empty data dir
    When I run "calibrate <args>"
    Then the command fails with "<message>"

    Examples:
      | args                       | message                                                   |
      | --plan claude              | --plan: expected PROVIDER=PLAN such as claude=claude-max-20x |
      | --plan claude=no-such-plan | --plan: no plan                                           |
      | --since yesterday          | --since: expected a day such as 2026-11-24 or an ISO time |
      | --confidence 95            | --confidence: expected a level from 0.5 to below 1        |
