@e2e
Feature: Gemini CLI is measured like the others
  The real, pinned Gemini CLI (0.61.0) speaks Google's Gemini API through `tracker proxy` to the scripted server, in a
  loopback-only network namespace: the model is in the request's path, usage in each chunk's `usageMetadata` (the cache
  inside the prompt count). What the server sent, what the proxy recorded, what the CLI's own `-o json` stats count and
  what its own OpenTelemetry export (`gemini_cli.api_response`, taken by the proxy's OTLP receiver) says, and what
  ccusage reads from its session files, are the same numbers (docs/providers.md, "Where a provider is declared").

  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: gemini single turn: server = proxy telemetry = the CLI's own stats
    Given a scripted model server "main" playing "hello"
    And the tracker proxy runs in front of "main" for the real clients
    When Gemini CLI runs "Say hello" in window "E2E-GEMINI"
    Then Gemini CLI answered "Hello from the scripted server." and the tokens agree five ways in window "E2E-GEMINI": server, proxy telemetry, its own stats, its own OpenTelemetry and ccusage
