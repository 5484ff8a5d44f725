@tasks @experiment @runner
Feature: Repeated arms analysed with the task as the unit, and plans that say when they cannot decide
  `experiment run --epochs K` runs every (task, provider) arm K times, each in a fresh sandbox and in the
  task's own sequence. The report reduces a task's epochs to their mean before any analysis, so n is the
  number of tasks, never tasks x epochs; it shows the between-task and within-task variance. `experiment plan`
  states the power of the planned design for the pre-registered difference, simulated on the plan's own decision,
  and warns loudly when it is short.

  Scenario: Three epochs over three tasks give an effective n of three, with the variance split
    When I run "experiment run --seed 42 --providers sim-steady,sim-thrifty --only lru-cache-ttl,csv-line-parser,ini-parser --epochs 3 --no-stop-rules"
    Then the command succeeds
    And stderr contains "WARNING: 3 tasks x 3 epochs have power"
    And stderr contains "(model: assumed: A passes 75% of tasks and B 75%"
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
    And stdout contains "model: the pair's 3 tasks resampled"

  Scenario: Under --epochs the previews are looks G1 reads, and G3 finds every epoch's routed sub-agent requests
    When I run "experiment run --seed 42 --providers sim-claude,sim-claude+glm --only lru-cache-ttl,csv-line-parser,ini-parser --epochs 2 --no-stop-rules"
    Then the command succeeds
    And "previews.jsonl" has 2 "preview" rows
    When I run "experiment report --no-charts"
    Then the command succeeds
    And stdout has a line matching "^\| G1 .* \| (pass|FAIL) +\| sim-claude\+glm against sim-claude\b"
    And stdout has a line matching "^Previews read: \S+ and \S+, plan plan-[0-9a-f]{12}, in usd, against the baseline sim-claude"
    And stdout contains "- **G1, the numbers can be trusted:**"
    And stdout contains "G1 asks whether the measurement is good enough to see that difference, not whether there is one"
    And stdout contains "### G3: sub-agent POC (sim-claude+glm against sim-claude, 3 tasks both ran)"
    And stdout has a line matching "^\| cost reduction +\| +[0-9.]+ \| +>= 2 \| pass +\| baseline's sub-agent \$ / GLM's, summed over the tasks \(each task's runs averaged\)"
    And stdout contains "Sub-agent cost on 3 matched features (each arm's mean over a task's runs, as G3 reads it)"
    And stdout contains "error rate - baseline not evaluable yet (6 and 6 requests: the 95% CI of the difference holds +2 points)"
    And stdout does not contain "no feature has sub-agent requests routed to glm"
    And stdout does not contain "two-sample t test"

  Scenario: A plan over a tiny bank warns and names the tasks it would take
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --epochs 2"
    Then the command succeeds
    # The exact sequence cannot decide anything on 5 tasks (ADR 0041).
    And stdout contains "Power: 0.00 to see 20% more work per $ between claude and codex with 5 tasks (the plan's own decision simulated, 400 runs)"
    And stdout contains "model: assumed: A passes 75% of tasks and B 75% (shared task difficulty, probit SD 1), dollars lognormal"
    And stdout contains "WARNING: 5 tasks x 2 epochs have power 0.00 (below 0.8) to see a 20% difference in work per $ between claude and codex at alpha 0.05; about 595 tasks would reach 0.8; with 5 tasks this run can tell apart no ratio up to 20x."
    And stdout has a line matching "^ +1\. epoch 1 period 1  charlie-task +BA +codex$"
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --json"
    Then stdout contains "\"underpowered\": true"
    And stderr contains "WARNING: 5 tasks x 1 epoch have power"

  Scenario: A plan with enough tasks for the relevant difference does not warn
    # The exact sequence needs more tasks than a fixed-n t did (docs/decisions/0041-task-budgets-and-betting-sequences.md):
    # 240 tasks have the power for an 80% difference.
    Given a task bank "big-bank" with 240 tasks
    When I run "experiment plan --seed 7 --providers claude,codex --tasks big-bank --min-effect 0.8"
    Then the command succeeds
    And stdout has a line matching "^Power: (0\.9\d|1\.00) to see 80% more work per \$ between claude and codex with 240 tasks"
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
    Then stdout contains "5/8 done, 1 cut short or running, 2 pending; interrupted: to resume, run npx experiment run --seed 3 --providers sim-steady,sim-thrifty --only ini-parser,retry-backoff --epochs 2 --estimand bars --no-stop-rules --data-dir /"
    And stdout has a line matching "^  #006 e2 p1 "
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 3 --only ini-parser,retry-backoff --epochs 2 --no-stop-rules --no-report"
    Then the command succeeds
    And stderr contains "retracted 1 cut-short window(s)"
    And stdout contains "8/8 arms done (3 this run, 5 before)"
    And windows.jsonl has 8 windows, 2 epochs of each arm
