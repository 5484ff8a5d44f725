@providers @experiment
Feature: Every provider measured in comparable units during a run
  A provider whose bars come only from its quota endpoint (GLM's plan, Codex on ChatGPT login) gets a
  window read from that endpoint, spending no request; the Claude-with-GLM-sub-agents arm sends its
  haiku tier to GLM, which telemetry attributes and whose subscription is read too; every window records
  its plan, so the report compares all of them per dollar of subscription.

  Scenario: Quota-only providers get windows read from their endpoints, each under its plan
    When I run "experiment run --seed 5 --providers sim-glm,sim-codex --only token-bucket,slugify-unicode --no-report"
    Then the command succeeds
    And windows.jsonl has 4 windows, one per arm of the plan
    And every window of "sim-glm" says its capacity came from "the provider's quota endpoint (no request spent), before and after the agent"
    And every window of "sim-codex" says its capacity came from "the provider's quota endpoint (no request spent), before and after the agent"
    And every window of "sim-glm" is priced under plan "sim-lite"
    And every window of "sim-codex" is priced under plan "sim-pro"
    And every window of "sim-glm" moved its weekly bar

  Scenario: The sub-agent arm's haiku traffic goes to GLM, is attributed, and its share is priced
    When I run "experiment run --seed 2 --providers sim-claude,sim-claude+glm --only token-bucket,ini-parser"
    Then the command succeeds
    And windows.jsonl has 4 windows, one per arm of the plan
    And the haiku requests of "sim-claude+glm" went to back end "glm" as model "scripted-glm-air"
    And the requests of "sim-claude+glm" that are not haiku went to back end "sim-claude+glm"
    And the haiku requests of "sim-claude" went to back end "sim-claude" as model "scripted-claude-haiku"
    And every window of "sim-claude+glm" has its sub-agent share on "glm" read from its quota endpoint
    And every window of "sim-claude" says its capacity came from "proxy rate-limit headers of a one-token probe, before and after the agent"
    And the report says "Work per $ (under \"Primary analysis\") is correct work per dollar of subscription"
    And the report says "G3 Sub-agent POC (GLM)"
    And the report does not say "no feature has sub-agent requests on both glm and a baseline back end"

  Scenario: A run with a provider that has no plan is pre-registered and reported per bar, saying why
    # The plan registered dollars and its own report switched to bars, as a deviation.
    When I run "experiment run --seed 5 --providers sim-steady,sim-thrifty --only token-bucket"
    Then the command succeeds
    And the report says "not comparable across plans: 2 window(s) have no plan to price them by ("
    And the report says "correct work per unit of the provider's own bars (not comparable across plans): the sum of its tasks' quality over the sum of their bar units"
    And the report does not say "Deviation:** efficiency per bar unit"

  Scenario: A plan named on the command line prices the windows
    When I run "experiment run --seed 5 --providers sim-steady,sim-thrifty --only token-bucket --plan sim-steady=claude-max-20x --plan sim-thrifty=chatgpt-plus"
    Then the command succeeds
    And every window of "sim-steady" is priced under plan "claude-max-20x"
    And every window of "sim-thrifty" is priced under plan "chatgpt-plus"
    And the report says "Work per $ (under \"Primary analysis\") is correct work per dollar of subscription"

  Scenario: An unknown plan is refused before anything starts
    When I run "experiment run --seed 5 --providers sim-steady,sim-thrifty --plan sim-steady=claude-maxx"
    Then the command fails with "--plan: no plan \"claude-maxx\": expected one of"
    And the file "data/assignments.jsonl" does not exist

  Scenario: A back end with no bars anywhere is measured in tokens counted at the proxy
    Given a file "apikey.json" containing:
      """
      { "providers": { "sim-apikey": { "driver": "scripted", "model": "scripted-glm", "upstream": "scripted" } } }
      """
    When I run "experiment run --seed 4 --providers sim-apikey,sim-steady --profiles apikey.json --only token-bucket,duration-parser"
    Then the command succeeds
    And windows.jsonl has 4 windows, one per arm of the plan
    And every window of "sim-apikey" says its capacity came from "tokens counted at the proxy (no bars: a token-metered back end), before and after the agent"
    And every window of "sim-apikey" has its capacity in tokens, equal to the tokens its agent used
    And the report says "per 1M tokens"

  Scenario: A run killed mid-way and resumed gives the verdict and p of an uninterrupted one
    When I run "experiment run --seed 42 --only token-bucket,ini-parser,retry-backoff,slugify-unicode --data-dir again"
    Then the command succeeds
    When I start "experiment run --seed 42 --only token-bucket,ini-parser,retry-backoff,slugify-unicode" in the background
    And the background run has started arm 6, I kill it with SIGKILL
    And I run "experiment run --seed 42 --only token-bucket,ini-parser,retry-backoff,slugify-unicode"
    Then the command succeeds
    And windows.jsonl has 16 windows, one per arm of the plan
    And the reports in "again" and "data" give the same verdict, interval and p
