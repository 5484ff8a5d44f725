@e2e
Feature: Claude Code's sub-agent (haiku) requests are routed to a second back end
  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: A haiku-model request from the real Claude Code reaches the second back end, with the model rewritten
    Given a scripted model server "main" playing "hello"
    And a scripted model server "second" playing "hello"
    And the tracker proxy runs in front of "main" with haiku routed to "second" as model "glm-4.5-air"
    When the real claude client runs "Say hi" with model "haiku" in window "E2E-HAIKU"
    Then the real claude client succeeded
    And server "second" received the haiku request as model "glm-4.5-air", and telemetry attributes it to back end "glm" and sub-agent "haiku"
    And the tokens agree four ways for the real claude client in window "E2E-HAIKU": server, proxy telemetry, client totals and ccusage
