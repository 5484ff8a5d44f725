@tasks @experiment @runner
Feature: Repeated arms analysed with the task as the unit, and plans that say when they cannot decide
  `experiment run --epochs K` runs every (task, provider) arm K times, each in a fresh sandbox and in the
  task's own sequence. The report reduces a task's epochs to their mean before any analysis, so n is the
  number of tasks, never tasks x epochs; it shows the between-task and within-task variance. `experiment plan`
  states the power of the planned design for the pre-registered difference and warns loudly when it is short.

  Scenario: Three epochs over three tasks give an effective n of three, with the variance split
    When I run "experiment run --seed 42 --providers sim-steady,sim-thrifty --only lru-cache-ttl,csv-line-parser,ini-parser --epochs 3 --no-stop-rules"
    Then the command succeeds
    And stderr contains "WARNING: 3 tasks x 3 epochs has power"
    And stderr contains "(variance: no earlier windows pair these providers: assumed SD"
    And stdout contains "18/18 arms done (18 this run, 0 before)"
    And windows.jsonl has 18 windows, 3 epochs of each arm
    And the report says "Effective n: **3 tasks** (3 epochs per task and provider, 18 windows)"
    And the report says "| between-task variance (sigma_b^2)"
    And the report says "| within-task, between-epoch variance (sigma_w^2)"
    And the report says "(one-way random-effects ANOVA over 3 tasks, 9 paired epochs)"
    When I run "experiment report --json --no-charts"
    Then the command succeeds
    And stdout contains "\"effective_n\": 3,"
    And stdout has a line matching "^    \"tasks\": 3,$"
    When I run "experiment plan --seed 9 --providers sim-steady,sim-thrifty --epochs 2"
    Then the command succeeds
    And stdout contains "variance: 18 earlier windows of sim-steady and sim-thrifty on 3 tasks (9 paired runs, up to 3 per task)"
    And stdout contains "from tasks: csv-line-parser, ini-parser, lru-cache-ttl (providers sim-steady, sim-thrifty)"

  Scenario: A plan over a tiny bank warns and names the tasks it would take
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --epochs 2"
    Then the command succeeds
    And stdout contains "Power: 0.06 for a 20% difference (5 tasks x 2 epochs, AB/BA crossover on task means, alpha 0.05"
    And stdout contains "variance: no earlier windows pair these providers: assumed SD of one run's share gap A - B = 0.5"
    And stdout contains "WARNING: 5 tasks x 2 epochs has power 0.06 (below 0.8) to detect a 20% difference at alpha 0.05. 182 tasks (at 2 epochs each) would reach 0.8."
    And stdout contains "No number of epochs reaches it (up to 20)"
    And stdout has a line matching "^ +1\. epoch 1 period 1  charlie-task +BA +codex$"
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --json"
    Then stdout contains "\"underpowered\": true"
    And stderr contains "WARNING: 5 tasks x 1 epoch has power"

  Scenario: A plan with enough tasks for the relevant difference does not warn
    Given a task bank "big-bank" with 40 tasks
    When I run "experiment plan --seed 7 --providers claude,codex --tasks big-bank --min-effect 0.6"
    Then the command succeeds
    And stdout has a line matching "^Power: 0\.8\d for a 60% difference \(40 tasks x 1 epoch,"
    And stdout does not contain "WARNING"

  Scenario: A plan without epochs keeps its id; a bad --epochs is refused by name
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --epochs 1"
    Then stdout contains "Plan plan-0c329142a90e (seed \"7\", ab-ba, A=claude B=codex)"
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --epochs 21"
    Then the command fails with "--epochs: expected a whole number from 1 to 20, got \"21\""
    When I run "experiment run --seed 7 --providers sim-steady,sim-thrifty --only ini-parser --epochs two"
    Then the command fails with "--epochs: expected a whole number from 1 to 20, got \"two\""

  Scenario: --require-power refuses an underpowered run before anything starts
    When I run "experiment run --seed 7 --providers sim-steady,sim-thrifty --only ini-parser,retry-backoff,token-bucket --require-power"
    Then the command fails with "--require-power"
    And the file "data/windows.jsonl" does not exist
    And the file "data/assignments.jsonl" does not exist

  Scenario: A run with epochs killed mid-arm resumes with one window per arm and epoch
    When I start "experiment run --providers sim-steady,sim-thrifty --seed 3 --only ini-parser,retry-backoff --epochs 2 --no-stop-rules --no-report" in the background
    And the background run has started arm 6, I kill it with SIGKILL
    And I run "experiment status"
    Then stdout contains "5/8 done, 1 cut short or running, 2 pending; interrupted: to resume, run npx experiment run --seed 3 --providers sim-steady,sim-thrifty --only ini-parser,retry-backoff --epochs 2 --data-dir /"
    And stdout has a line matching "^  #006 e2 p1 "
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 3 --only ini-parser,retry-backoff --epochs 2 --no-stop-rules --no-report"
    Then the command succeeds
    And stderr contains "retracted 1 cut-short window(s)"
    And stdout contains "8/8 arms done (3 this run, 5 before)"
    And windows.jsonl has 8 windows, 2 epochs of each arm
