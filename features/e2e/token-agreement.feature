@e2e
Feature: Real clients agree with the ledger on tokens
  What the scripted server sent, what `tracker proxy` recorded, what the real client reports as its own totals
  (Claude Code's `result` line, Codex's `turn.completed`) and what ccusage reads from the transcripts and rollouts
  the clients wrote are the same numbers, for a single turn and for a multi-turn tool loop. The clients' own
  OpenTelemetry, exported to the proxy's OTLP receiver in either encoding, counts the same too (docs/otel.md).

  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario Outline: <client>, <shape>: server = proxy telemetry = client totals = ccusage = the client's own OpenTelemetry (<otel>)
    Given a scripted model server "main" playing "<script>"
    And the tracker proxy runs in front of "main" for the real clients
    And the real clients export their own OpenTelemetry to the proxy in "<otel>"
    When the real <client> client runs "<prompt>" in window "E2E-TOKENS"
    Then the real <client> client succeeded
    And the tokens agree four ways for the real <client> client in window "E2E-TOKENS": server, proxy telemetry, client totals and ccusage
    And the real <client> client's own OpenTelemetry rows of window "E2E-TOKENS" hold its own figures and agree with the proxy telemetry within 2%

    Examples:
      | client | shape            | script     | prompt           | otel     |
      | claude | single turn      | hello      | Say hello        | json     |
      | claude | tool loop        | write-file | Create hello.txt | protobuf |
      | codex  | single turn      | hello      | Say hello        | json     |
      | codex  | tool loop        | write-file | Create hello.txt | protobuf |

  Scenario Outline: <client> tool loop leaves the file it was asked to write
    Given a scripted model server "main" playing "write-file"
    And the tracker proxy runs in front of "main" for the real clients
    When the real <client> client runs "Create hello.txt" in window "E2E-WRITE"
    Then the real <client> client succeeded
    And the real <client> client wrote "hello.txt" in its work tree

    Examples:
      | client |
      | claude |
      | codex  |
