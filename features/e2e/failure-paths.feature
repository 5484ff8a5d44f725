@e2e
Feature: Failure paths with the real Claude Code
  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: The back end answers 529, then recovers: the client retries and the ledger counts only the real answer
    Given a scripted model server "main" playing "flaky"
    And the tracker proxy runs in front of "main" for the real clients
    When the real claude client runs "Say hello" in window "E2E-529"
    Then the real claude client succeeded
    And after the proxy stops, window "E2E-529" has telemetry statuses "529, 200"
    And the real claude client's totals equal the window's telemetry, whose complete rows equal the server's complete answers

  Scenario: The back end dies mid-stream, then answers: the client retries and the cut stream is recorded as such
    Given a scripted model server "main" that is cut after 3 events once, then answers
    And the tracker proxy runs in front of "main" for the real clients
    When the real claude client runs "Say hello" in window "E2E-CUT"
    Then the real claude client succeeded
    And after the proxy stops, window "E2E-CUT" has telemetry statuses "200:upstream_reset, 200"
    And the real claude client's totals equal the window's telemetry, whose complete rows equal the server's complete answers

  Scenario: The client is killed mid-stream: the proxy aborts the upstream request
    Given a scripted model server "long" playing "long"
    And the tracker proxy runs in front of "long" for the real clients
    When the real claude client starts "Write a long essay." in window "E2E-KILLED" and is killed with SIGKILL mid-stream
    Then upstream "long" saw the request aborted by the proxy before it finished
    And after the proxy stops, telemetry has 1 row marked aborted

  Scenario: The back end process is killed mid-stream and stays down: the client gives up on the proxy's 502s, the proxy stays up and serves the restarted back end
    Given a scripted model server process "main" playing "long"
    And the tracker proxy runs in front of process "main", with a request counter between the real clients and the proxy
    When the real claude client runs "Write a long essay." in window "E2E-DEAD" with CLAUDE_CODE_MAX_RETRIES=3, and process "main" is killed with SIGKILL once 20 text deltas have reached the client
    Then the real claude client gave up with exit 1 on the proxy's 502 after 4 requests: the cut stream, then 3 retries of which Claude Code announced 2
    And the proxy's health endpoint answers ok
    When process "main" is restarted on the same port playing "hello"
    And the real claude client runs "Say hello" through the request counter in window "E2E-BACK"
    Then the real claude client succeeded
    And after the proxy stops, window "E2E-DEAD" has telemetry "200 upstream_reset aborted, 502 upstream_unreachable, 502 upstream_unreachable, 502 upstream_unreachable"
    And after the proxy stops, window "E2E-BACK" has telemetry "200"
    And the real claude client's totals equal window "E2E-DEAD"'s telemetry, which is the cut answer's message_start usage
    And telemetry has exactly one row per request the counter passed to the proxy
