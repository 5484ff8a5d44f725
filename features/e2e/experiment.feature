@e2e
Feature: experiment run with the real Claude Code and Codex
  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: Seed 7, both providers, three tasks: real files, acceptance tests, a report
    When I run the experiment with the real clients: "experiment run --providers claude,codex --upstream scripted --seed 7 --only lru-cache-ttl,csv-line-parser,duration-parser --no-stop-rules"
    Then all 6 arms succeeded with quality 1, real files written by both clients and the acceptance tests passed
    And the experiment report was written
