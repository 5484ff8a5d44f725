@e2e
Feature: experiment run with the real Claude Code and Codex
  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: Seed 7, both providers, three tasks: real files, acceptance tests, a report
    When I run the experiment with the real clients: "experiment run --providers claude,codex --upstream scripted --seed 7 --only lru-cache-ttl,csv-line-parser,duration-parser --no-stop-rules"
    Then all 6 arms succeeded with quality 1, real files written by both clients and the acceptance tests passed
    And the experiment report was written
    And every window of the run has its agent's own OpenTelemetry count, within 2% of the proxy's, and no "divergent:otel" anomaly

  Scenario: Claude Code installed the native way, linked from a HOME the sandbox hides, runs in its sandbox and scores
    # On 8d1aeb7 every arm ended "bwrap: execvp claude: No such file or directory", scored fail 0.00.
    Given bubblewrap works on this machine
    When I run the experiment with the real claude installed the native way in a HOME of this scenario: "experiment run --providers claude,sim-steady --upstream scripted --seed 7 --only duration-parser,lru-cache-ttl --no-stop-rules --no-report"
    Then every "claude" arm ran the native claude in its sandbox and scored quality 1

  Scenario: Claude, GLM and Claude with its haiku sub-agents on GLM: a window per arm, the routed traffic attributed and priced, G3 evaluated
    When I run the experiment with the real clients: "experiment run --providers claude,glm,claude+glm --upstream scripted --seed 7 --only lru-cache-ttl,duration-parser --no-stop-rules"
    Then the real experiment run succeeded with 6 windows, every arm with quality 1
    And every window of "glm" says its capacity came from "the provider's quota endpoint (no request spent), before and after the agent"
    And every window of "claude" says its capacity came from "the provider's quota endpoint (no request spent), before and after the agent"
    And the haiku requests of "claude+glm" went to back end "glm" as model "glm-4.5-air"
    And the haiku requests of "claude" went to back end "claude" as model "claude-haiku-5-5"
    And every window of "claude+glm" has its sub-agent share on "glm" read from its quota endpoint
    And the report evaluated gate G3

  Scenario: Both real clients under --isolation podman: the agents reach the proxy from the container and their files score
    Given podman works on this machine
    When I run the experiment with the real clients: "experiment run --providers claude,codex --upstream scripted --seed 7 --only duration-parser --no-stop-rules --no-report --isolation podman"
    Then the real experiment run succeeded with 2 windows, every arm with quality 1
    And every window's methodology says "isolation: podman ("
