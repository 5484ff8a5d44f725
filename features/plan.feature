@runner
Feature: A seeded, counter-balanced experiment plan
  `experiment plan` shuffles the task bank with a seed, gives each task a sequence (AB or BA for two
  providers, balanced within one; a Williams design for three or more) and orders the arms period by
  period so every period mixes the sequences. The same seed gives a byte-identical plan; --record
  writes it to assignments.jsonl once.

  Scenario: Two providers get AB and BA in balance
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --json"
    Then the command succeeds
    And stdout contains "\"plan_id\": \"plan-"
    And stdout contains "\"design\": \"ab-ba\""
    And stdout has a line matching "^    \"(AB|BA)\": [23],?$"
    And stdout contains "\"task_id\": \"echo-task\""

  Scenario: The same seed gives the same plan id and order
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks"
    Then the command succeeds
    And stdout contains "Plan plan-0c329142a90e (seed \"7\", ab-ba, A=claude B=codex)"
    And stdout has a line matching "^ +1\. period 1  charlie-task +BA +codex$"

  Scenario: Three providers use a Williams design
    When I run "experiment plan --seed 7 --providers claude,codex,glm --tasks plan-tasks --json"
    Then the command succeeds
    And stdout contains "\"design\": \"williams\""

  Scenario: Recording twice writes the plan once
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --record"
    Then the command succeeds
    And stderr contains "assignment rows"
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --record"
    Then stderr contains "already recorded"

  Scenario: The plan pre-registers its primary analysis, once
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --record --alpha 0.1 --min-effect 0.3 --reference codex"
    Then the command succeeds
    And stdout contains "Primary analysis: correct work per dollar of subscription: each provider's sum of quality over its sum of dollars, failures' dollars included, each arm capped at its task budget (default, list-price dollars per arm: claude $5 (nothing known of it yet: a round amount, not a measured one; give --task-budget)"
    And stdout contains "each pair by the ratio of the two, in an exact anytime-valid betting confidence sequence at alpha 0.1"
    And "assignments.jsonl" has 1 "analysis-plan" row
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --record --alpha 0.05"
    Then stderr contains "already recorded; nothing written (a recorded analysis cannot change)"
    And "assignments.jsonl" has 1 "analysis-plan" row

  Scenario: Analysis settings that cannot be honoured are refused
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --estimand euros"
    Then the command fails with "--estimand: --estimand must be one of usd, bars, got \"euros\""
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --reference glm"
    Then the command fails with "--reference: --reference \"glm\" is not a provider of the plan (claude, codex)"
    When I run "experiment plan --seed 7 --providers claude,codex --tasks plan-tasks --alpha 0x1"
    Then the command fails with "--alpha: --alpha expects a plain decimal number such as 0.05, got \"0x1\""

  Scenario: One provider is not a comparison
    When I run "experiment plan --seed 7 --providers claude --tasks plan-tasks"
    Then the command fails with "--providers: expected at least 2"

  Scenario: A repeated provider is refused
    When I run "experiment plan --seed 7 --providers claude,claude --tasks plan-tasks"
    Then the command fails with "--providers: provider \"claude\" appears twice"

  Scenario: An invalid provider id is refused
    When I run "experiment plan --seed 7 --providers claude,Codex! --tasks plan-tasks"
    Then the command fails with "--providers: provider id \"Codex!\""

  Scenario: An empty seed is refused
    When I run "experiment plan --seed '' --providers claude,codex --tasks plan-tasks"
    Then the command fails with "--seed: expected a non-empty seed"

  Scenario: A missing task folder is a clear error
    When I run "experiment plan --seed 7 --providers claude,codex --tasks no-such-bank"
    Then the command fails with "--tasks: no task folder at \"no-such-bank\""
