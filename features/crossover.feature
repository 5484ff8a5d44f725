@reports
Feature: Crossover analysis of data from elsewhere
  `experiment crossover --input FILE` reads AB/BA crossover data (CSV or JSON with subject, sequence,
  y1, y2) and prints the treatment effect (A - B), the period effect (period 1 - period 2) and the
  carryover diagnostic, each with estimate, SE, CI, t, df and p; `--binary` analyses pass/fail outcomes
  with the Mainland-Gart test. The numbers are those of Senn's formoterol/salbutamol trial
  (Cross-over Trials in Clinical Research, ch. 3).

  Scenario: Senn's asthma trial from CSV
    When I run "experiment crossover --input crossover-senn.csv"
    Then the command succeeds
    And stdout has a line matching "^treatment \(A - B\)\s+46\.6071\s+10\.7766\s+\[22\.8881, 70\.3262\]\s+4\.325\s+11\s+0\.0012$"
    And stdout has a line matching "^period \(1 - 2\)\s+-15\.8929\s+10\.7766\s+\[-39\.6119, 7\.8262\]\s+-1\.475\s+11\s+0\.1683$"
    And stdout has a line matching "^carryover \(A - B\)\*\s+14\.4048\s+80\.4053\s+\[-162\.5661, 191\.3756\]\s+0\.179\s+11\s+0\.8611$"
    And stdout contains "diagnostic only and is never used to choose the analysis"
    And stdout contains "treatment = A - B"

  Scenario: Jones & Kenward's Example 2.1 (PEFR, 56 subjects)
    When I run "experiment crossover --input crossover-jk-pefr.csv"
    Then the command succeeds
    And stdout contains "27 subjects in AB, 29 in BA"
    And stdout has a line matching "^treatment \(A - B\)\s+10\.4026\s+3\.4156\s+\[3\.5547, 17\.2505\]\s+3\.046\s+54\s+0\.0036$"
    And stdout has a line matching "^carryover \(A - B\)\*\s+38\.8885\s+41\.0083\s+\[-43\.3283, 121\.1052\]\s+0\.948\s+54\s+0\.3472$"

  Scenario: The same data as JSON, with the full result as JSON and a 99% interval
    When I run "experiment crossover --input crossover-senn.json --alpha 0.01 --json"
    Then the command succeeds
    And stdout contains "\"method\": \"grizzle-ab-ba\""
    And stdout has a line matching "\"estimate\": 46\.6071428"
    And stdout has a line matching "\"ciLow\": 13\.13723"

  Scenario: Pass/fail outcomes take the Mainland-Gart test
    When I run "experiment crossover --input crossover-senn-preferences.csv --binary"
    Then the command succeeds
    And stdout has a line matching "^  AB\s+9\s+0$"
    And stdout has a line matching "^  BA\s+1\s+6$"
    And stdout has a line matching "^treatment \(A vs B\)\s+9\.0738\s+\[1\.6975, 48\.5036\]\s+0\.0009$"
    And stdout contains "Fisher's exact test"

  Scenario: A bad row is refused with its file, line and column, and kept
    When I run "experiment crossover --input crossover-bad-sequence.csv"
    Then the command fails with "crossover-bad-sequence.csv line 4: sequence: expected AB or BA, got \"AC\""
    And the exit code is 3
    And a reject is kept with a reason containing "line 4: sequence"
    And the kept input is identical to "crossover-bad-sequence.csv"

  Scenario: Outcomes that are not pass/fail are refused under --binary
    When I run "experiment crossover --input crossover-senn.csv --binary"
    Then the command fails with "crossover-senn.csv line 2: y1: expected 0 or 1 (pass/fail), got \"310\""

  Scenario: Four treatments on a Williams square, with first-order carryover, from long CSV
    When I run "experiment crossover --input crossover-williams-4.csv"
    Then the command succeeds
    And stdout contains "Crossover with 4 treatments: 12 subjects, 4 periods, 48 observations; model y = subject + period + treatment + carryover (OLS)"
    And stdout has a line matching "^A - B\s+-0\.9957\s+0\.1574\s+\[-1\.3188, -0\.6727\]\s+-6\.324\s+27\s+9\.04e-7\s+4\.52e-6\s+\[-1\.4439, -0\.5475\]$"
    And stdout has a line matching "^C - D\s+-0\.7685\s+0\.1574\s+\[-1\.0915, -0\.4455\]\s+-4\.881\s+27\s+4\.19e-5\s+0\.0002\s+"
    And stdout has a line matching "^carryover C - A\s+-0\.5730\s+0\.1899\s+\[-0\.9626, -0\.1834\]\s+-3\.018\s+27\s+0\.0055$"

  Scenario: Senn's three-treatment trial as JSON, against placebo
    When I run "experiment crossover --input crossover-senn-3.csv --reference P --json"
    Then the command succeeds
    And stdout contains "\"layout\": \"periods\""
    And stdout has a line matching "\"estimate\": -1103\.5597"
    And stdout has a line matching "\"pHolm\": 1\.73\d*e-15"

  Scenario: A long-form row that contradicts its sequence is refused with its line and column, and kept
    When I run "experiment crossover --input crossover-williams-bad-treatment.csv"
    Then the command fails with "crossover-williams-bad-treatment.csv line 4: treatment: sequence \"ABDC\" has D in period 3, this row has \"C\""
    And the exit code is 3
    And the kept input is identical to "crossover-williams-bad-treatment.csv"
