@e2e
Feature: The agents' own OpenTelemetry beside the proxy's count
  A window's tokens as the agent itself reports them (its OTLP export, docs/otel.md) and as the proxy counted them
  must agree within 2%. When they do not, the window says `divergent:otel`, an anomaly is written, and the preview
  and the report show it.

  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: Claude Code sends a turn around the proxy: its own count of the window is twice the proxy's, and divergent:otel shows
    Given a scripted model server "main" playing "hello"
    And the tracker proxy runs in front of "main" for the real clients
    And the real clients export their own OpenTelemetry to the proxy in "json"
    When I run "snapshot before --provider claude --window E2E-OTEL --input -" with input:
      """
      {"five_hour": {"used_pct": 10}}
      """
    And the real claude client runs "Say hello" in window "E2E-OTEL"
    And the real claude client runs "Say hello" in window "E2E-OTEL" straight at "main", around the proxy
    And I run "snapshot after --provider claude --window E2E-OTEL --input -" with input:
      """
      {"five_hour": {"used_pct": 12}}
      """
    And I run "complete --provider claude --window E2E-OTEL --quality 1 --outcome success"
    Then the command succeeds
    And stdout contains "DIVERGENT, 50% apart"
    And window "E2E-OTEL" of "claude" counts 2 requests by its agent's own OpenTelemetry and 1 by the proxy, with a "divergent:otel" anomaly
    When I run "preview"
    Then stdout has a line matching "E2E-OTEL .*divergent:otel"
    And stdout contains "Anomalies: 1 (see anomalies.jsonl)"
    When I run "experiment report"
    Then the command succeeds
    And the report says "divergent:otel 1"
