@e2e
Feature: The real Claude Code keeps working when its subscription's window is spent
  The proxy's failover chain moves the real Claude Code's tool loop to a second account when the first refuses for its
  window, before Claude Code sees the refusal: the loop finishes, and every request is answered once.

  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: The tool loop goes on on the second account, no request lost or sent twice
    Given a scripted model server "first" playing "write-file" whose Claude account answers 1 request every 600 seconds
    And a scripted model server "second" playing "write-file" with its own Claude bars at 40%
    And the proxy runs with upstream "first" and failover to "second" with key from SECOND_KEY
    When the real claude client runs "Create hello.txt" in window "E2E-FAILOVER"
    Then the real claude client succeeded
    And the real claude client wrote "hello.txt" in its work tree
    And server "first" answered 1 request and refused 1
    And after the proxy stops, each of its model rows was answered once, by "first" or "second", the moved ones from "first" refused for its five_hour bar
