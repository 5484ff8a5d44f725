@reports
Feature: The experiment report: honest statistics, the decision gates and a verdict that matches them
  `experiment report [--out FILE]` reads the ledger (windows, snapshots, anomalies, recorded previews,
  proxy telemetry, budget events) and writes a markdown report to <data dir>/reports/report.md with SVG
  charts beside it, and prints it. It opens with a verdict whose first words say who is ahead on the
  primary estimand (or that no provider is yet, and how many more tasks would settle it), then the seat
  decision. Then the primary analysis (pre-registered by the plan, deviations named), the per-provider
  table, the secondary analyses (each labelled and explained), power and the sample size still needed, the
  stop rules, the seat decision with each gate defined in plain words and the numbers behind it, anomalies,
  the proxy block and the budget summary. Work per unit is each provider's summed quality over its summed cost
  (3 windows of quality 1 that used 10%, 15% and 12% of the bar: 3 / 37); n counts windows with a known cost; below
  3 the interval prints as ci=n/a.

  Scenario: fewer than 3 windows with a capacity delta print ci=n/a
    Given "claude" has a completed window from 10% to 20% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    And "claude" has a completed window from 20% to 35% and 2000 to 4000 tokens at "2026-11-20T10:00:00Z"
    When I run "experiment report"
    Then the command succeeds
    And stdout has a line matching "^\| claude +\| % 5h \| +2 \| +0\.08 \| ci=n/a "
    And the verdict paragraph starts with "**No verdict yet:** fewer than two providers have windows on named tasks"
    And the report "reports/report.md" was written with 2 charts beside it

  Scenario: three windows give an interval and a relative ci_width
    Given "claude" has a completed window from 10% to 20% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    And "claude" has a completed window from 20% to 35% and 2000 to 4000 tokens at "2026-11-20T10:00:00Z"
    And "claude" has a completed window from 35% to 47% and 4000 to 5000 tokens at "2026-11-20T11:00:00Z"
    When I run "experiment report --out my/report.md"
    Then the command succeeds
    # Three windows that all passed: their quality counts as if 2 of 7 could fail (ADR 0032), so the interval is wide.
    And stdout has a line matching "^\| claude +\| % 5h \| +3 \| +0\.08108 \| \[0\.02074, 0\.317\] +\| +3\.654 \|"
    And the report "../my/report.md" was written with 2 charts beside it

  Scenario Outline: G1 flips exactly at its thresholds (n >= 3, ci_width <= 0.30, power >= 0.8, quality >= 0.8 x baseline)
    Given two recorded previews where "claude" has n <n>, ci_width <ci_width>, power <power> and quality vs baseline <quality>
    When I run "experiment report --no-charts"
    Then the command succeeds
    And the report shows gate "G1" as "<status>"
    And the verdict agrees with the gates

    Examples:
      | n | ci_width | power  | quality | status |
      | 3 | 0.30     | 0.80   | 0.80    | pass   |
      | 2 | 0.30     | 0.80   | 0.80    | FAIL   |
      | 3 | 0.3001   | 0.80   | 0.80    | FAIL   |
      | 3 | 0.30     | 0.7999 | 0.80    | FAIL   |
      | 3 | 0.30     | 0.80   | 0.7999  | FAIL   |

  Scenario Outline: G2 flips at two ready task specs blocked only by capacity
    Given an empty data dir
    And a task bank with <count> ready tasks blocked only by capacity
    When I run "experiment report --no-charts --tasks task-bank"
    Then the command succeeds
    And the report shows gate "G2" as "<status>"

    Examples:
      | count | status |
      | 1     | FAIL   |
      | 2     | pass   |

  Scenario: without a task bank G2 is not evaluable
    Given an empty data dir
    When I run "experiment report --no-charts"
    Then the command succeeds
    And the report shows gate "G2" as "not evaluable"
    And stdout has a line matching "^\| G2 .*\| not evaluable: no backlog given \(experiment report --tasks DIR\) +\|$"

  Scenario: a report on an empty data dir says to run an experiment first, with the command
    # Once its next step was "stay lean; add tasks to settle it".
    Given an empty data dir
    When I run "experiment report --no-charts"
    Then the command succeeds
    And stdout contains "Next: run an experiment first: `experiment run --seed 42` tries the whole chain on simulated providers"
    And stdout does not contain "add tasks to settle it"
    And stderr contains "note: no completed windows yet: run an experiment first: npx experiment run --seed 42 --data-dir "

  Scenario Outline: G3 flips exactly at a 2x sub-agent cost reduction
    Given sub-agent work on 3 features where GLM uses <glm> tokens per request against 1000 on the baseline
    When I run "experiment report --no-charts --prices prices.json"
    Then the command succeeds
    And the report shows gate "G3" as "<status>"
    And stdout has a line matching "^\| cost reduction +\| +<reduction> \| +>= 2 \| <result> "

    Examples:
      | glm | reduction | result | status |
      | 500 | 2         | pass   | pass   |
      | 501 | 1.996     | FAIL   | FAIL   |

  Scenario: a planted difference is reported with the right sign
    # Effect 4 (1.5x): the exact sequence leaves 12 tasks open, and decides 40 in either order of the pair (at task 20
    # as sim-a, sim-b; at 31 as sim-b, sim-a: the second provider's work per $ is the sequence's nuisance).
    Given I run "experiment simulate --seed planted --effect 4 --tasks 12 --write"
    When I run "experiment report --providers sim-a,sim-b"
    Then the command succeeds
    And the verdict paragraph starts with "**No provider is ahead yet**"
    Given I run "experiment simulate --seed planted --effect 4 --tasks 40 --write --data-dir data/data40"
    When I run "experiment report --providers sim-a,sim-b --data-dir data/data40"
    Then the command succeeds
    And the verdict paragraph starts with "**sim-a is ahead:** it did more correct work per 1% than sim-b on 39 tasks; against sim-b: sim-a does "
    And stdout has a line matching "^treatment \(A - B\) +0\.\d+ "
    And the report "data40/reports/report.md" was written with 4 charts beside it
    When I run "experiment report --providers sim-b,sim-a --data-dir data/data40"
    Then the command succeeds
    And the verdict paragraph starts with "**sim-a is ahead:** it did more correct work per 1% than sim-b on 39 tasks; against sim-b: sim-a does "
    And stdout has a line matching "^\| sim-b / sim-a +\| +0\.\d+x \|"
    And stdout has a line matching "^treatment \(A - B\) +-0\.\d+ "

  Scenario: the verdict says stay lean and why while the gates do not hold, and defines every gate
    Given "claude" has a completed window from 10% to 20% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    When I run "experiment report --no-charts"
    Then the command succeeds
    And the verdict paragraph contains "Seat decision: stay lean (G1 not evaluable: 0 recorded previews"
    And the verdict paragraph contains "G2 not evaluable: no backlog given (experiment report --tasks DIR), G3 not evaluable: no feature has sub-agent requests"
    And stdout contains "**Decision: stay lean. G1 is not evaluable"
    And stdout contains "- **G1, the numbers can be trusted:** in each of the last two recorded previews"
    And stdout contains "- **G3, the cheaper sub-agent back end holds up:**"
    And the verdict agrees with the gates

  Scenario: the verdict names the seat when G1 and G2 hold
    Given two recorded previews where "claude" has n 9, ci_width 0.2, power 0.9 and quality vs baseline 1
    And a task bank with 2 ready tasks blocked only by capacity
    When I run "experiment report --no-charts --tasks task-bank"
    Then the command succeeds
    And the verdict paragraph contains "Seat decision: add one seat (Claude Max) (G1 pass, G2 pass, G3 not evaluable"
    And the verdict agrees with the gates

  Scenario: tracker preview --record stores what G1 needs: unit, baseline, pair power; previews with no new window between them count once
    Given "claude" has a completed window from 10% to 20% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    And "codex" has a completed window from 10% to 25% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    When I run "preview --record"
    And I run "preview --record"
    And I run "experiment report --no-charts"
    Then the report shows gate "G1" as "not evaluable"
    Given "claude" has a completed window from 20% to 32% and 2000 to 4000 tokens at "2026-11-20T10:00:00Z"
    And "codex" has a completed window from 25% to 45% and 2000 to 4000 tokens at "2026-11-20T10:00:00Z"
    When I run "preview --record"
    Then "previews.jsonl" has 3 "preview" rows
    And the last row of "previews.jsonl" has "gate_basis" = "{\"baseline\":\"claude\",\"min_effect\":0.2,\"alpha\":0.05,\"pairs\":1}"
    And the last row of "previews.jsonl" has "unit" = "\"bars\""
    And the last recorded preview has no power for "codex" because "fewer than 3 tasks both ran with a known cost (0)"
    When I run "experiment report --no-charts"
    Then the command succeeds
    And the report shows gate "G1" as "FAIL"
    And stdout has a line matching "^\| n \(latest\) +\| +2 \| +>= 3 \| FAIL "

  Scenario: bad flags are refused with one line
    When I run "experiment report --alpha 1.5"
    Then the command fails with "--alpha: expected a number between 0 and 1 such as 0.05, got \"1.5\""
    When I run "experiment report --providers claude"
    Then the command fails with "--providers: expected two or more different providers such as claude,codex"

  Scenario: names that match nothing in the data are refused, and a mistyped data dir is not created
    Given "claude" has a completed window from 10% to 20% and 1000 to 2000 tokens at "2026-11-20T09:00:00Z"
    When I run "experiment report --baseline claud"
    Then the command fails with "--baseline: no window of provider \"claud\" in the data; did you mean claude? (it has claude)"
    When I run "experiment report --providers claude,codx"
    Then the command fails with "--providers: no window of provider \"codx\" in the data (it has claude)"
    When I run "preview --provider claud"
    Then the command fails with "--provider: no window of provider \"claud\" in the data; did you mean claude? (it has claude)"
    When I run "experiment report --plan plan-nope"
    Then the command fails with "--plan: no plan \"plan-nope\" in this data (it has none)"
    When I run "experiment report --data-dir no-such-dir"
    Then the command fails with "no such data directory"
    And the file "no-such-dir" does not exist
    When I run "experiment report --provders claude,codex"
    Then the command fails with "unknown option '--provders'; did you mean --providers?"

  Scenario Outline: --gate gives CI the decision as an exit code: <meaning>
    Given two recorded previews where "claude" has n <n>, ci_width 0.2, power 0.9 and quality vs baseline 1
    And a task bank with <ready> ready tasks blocked only by capacity
    When I run "experiment report --no-charts --tasks task-bank --gate"
    Then the exit code is <code>

    Examples:
      | n | ready | code | meaning                                  |
      | 9 | 2     | 0    | add a seat                               |
      | 2 | 2     | 1    | stay lean, G1 fails                      |
      | 9 | 1     | 1    | stay lean, G2 fails                      |

  Scenario: --gate exits 3 while the decision cannot be made yet (no task bank for G2)
    Given two recorded previews where "claude" has n 9, ci_width 0.2, power 0.9 and quality vs baseline 1
    When I run "experiment report --no-charts --gate"
    Then the exit code is 3
