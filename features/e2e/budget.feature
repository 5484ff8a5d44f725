@e2e
Feature: A block-mode budget stops a real Claude Code run
  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: 200 output tokens in block mode cut a long answer; the window records budget-exceeded
    Given a scripted model server "long" playing "long"
    And the tracker proxy runs in front of "long" with budget flags "--overall-token-budget 200 --budget-metric output --budget-mode block"
    And I run "tracker snapshot before --provider claude --window E2E-BUDGET" with input:
      """
      {"five_hour": {"used_pct": 10}}
      """
    When the real claude client runs "Write a long essay." under "experiment budget run" with budget flags "--overall-token-budget 200 --budget-metric output --budget-mode block" in window "E2E-BUDGET"
    Then the budget run stopped the real claude with exit 4 and outcome "budget-exceeded"
    And window "E2E-BUDGET" is completed as "budget-exceeded" in windows.jsonl
    And server "long" produced at most 200 output tokens plus one event
