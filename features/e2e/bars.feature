@e2e
Feature: Bars without pasting
  The subscription bars reach the ledger three ways without anyone pasting a /status or /usage screen: the rate-limit
  headers the proxy sees, the Codex rollouts (`tracker ingest codex-rollout`) and Claude Code's statusLine command
  (`tracker statusline`). For the same window, each source gives the same 5h delta.

  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: Codex: proxy readings and the real rollouts give the same 5h delta
    Given a scripted model server "main" playing "write-file"
    And the tracker proxy runs in front of "main" for the real clients
    When the real codex client runs "Create hello.txt" in window "E2E-BARS-CODEX"
    And I ingest the real Codex rollouts with "tracker ingest codex-rollout"
    Then the real codex client succeeded
    And the 5h delta of window "E2E-BARS-CODEX" for "codex" is the same from the proxy readings and the "ingest" readings

  Scenario: Codex: the real rollouts alone calibrate a ChatGPT plan, as the proxy's count of the same requests does
    # A subscriber who runs no proxy: `tracker ingest codex-rollout` gives both the bars and each turn's tokens.
    Given a scripted model server "main" playing "write-file"
    And the tracker proxy runs in front of "main" for the real clients
    When the real codex client runs "Create hello.txt" in window "E2E-CAL-1"
    And the real codex client runs "Create hello.txt" in window "E2E-CAL-2"
    And I ingest the real Codex rollouts with "tracker ingest codex-rollout --data-dir rollouts-only"
    Then the real codex client succeeded
    And the everyday calibration of "codex" under "chatgpt-pro" in data dir "rollouts-only" uses only "codex-rollout" and agrees with the proxy data dir on tokens per 1% of the 5h bar within 1%

  Scenario: Claude Code: proxy readings and statusLine invocations give the same 5h delta
    Given a scripted model server "main" playing "write-file"
    And the tracker proxy runs in front of "main" for the real clients
    When the real claude client runs "Create hello.txt" in window "E2E-BARS-CLAUDE"
    And Claude Code's statusLine command "tracker statusline" runs after each of the server's Messages answers
    Then the real claude client succeeded
    And the 5h delta of window "E2E-BARS-CLAUDE" for "claude" is the same from the proxy readings and the "automation" readings
