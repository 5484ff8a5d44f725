@proxy
Feature: The proxy moves work on when a subscription's window is spent, and brings it back at the reset
  `tracker proxy --failover TARGET` chains back ends after the default one. A request that one refuses for its
  window (a 429 with the vendor's rate-limit status and reset) goes on to the next before the client sees a byte
  of the refusal; any other error reaches the client as it came. From then on requests go to the next back end
  until the spent window's reset, then back. Each moved request's row says where it went and why.

  Background:
    Given a scripted model server "first" whose Claude account answers 2 requests every 4 seconds
    And a scripted model server "second" playing "hello" with its own Claude bars at 40%

  Scenario: The third request moves to the second account; none is lost or sent twice; work returns after the reset
    Given the proxy runs with upstream "first" and failover to "second" with key from SECOND_KEY as model "glm-4.6"
    When a client streams 5 messages for model "claude-sonnet-4-5"
    Then every client answer was a 200 with one whole stream and no refusal in it
    And server "first" answered 2 requests and refused 1
    And server "second" answered 3 requests for model "glm-4.6", each with SECOND_KEY's key and not the client's
    And the proxy's health counts 1 move, 0 returns and 3 moved requests
    And Claude Code's status line says work moved to "second" while "first"'s 5h window is spent
    When the reset of "first" has passed
    And a client streams a message for model "claude-sonnet-4-5"
    Then server "first" answered 3 requests and refused 1
    And the proxy's health counts 1 move, 1 return and 3 moved requests
    And Claude Code's status line says work is back on "first"
    And after the proxy stops, telemetry has 6 rows
    And rows 1, 2 and 6 went to "first" without a failover field
    And rows 3 to 5 went to "second" from "first", refused for its five_hour bar at 100% until its reset
    And the proxy readings hold both accounts' bars: "first" at 100% and "second" at 40%
    And the proxy said it moved work from "first" and that work is back on it

  Scenario: With a threshold, work moves once a bar reaches it, before any refusal
    Given the proxy runs with upstream "first" and failover to "second" with key from SECOND_KEY at 50%
    When a client streams 4 messages for model "claude-sonnet-4-5"
    Then server "first" answered 2 requests and refused 0
    And server "second" answered 2 requests for model "claude-sonnet-4-5", each with SECOND_KEY's key and not the client's
    And after the proxy stops, telemetry has 4 rows
    And rows 3 to 4 went to "second" from "first", at the threshold of its five_hour bar at 50% until its reset

  Scenario: Where the answers carry no bars, the bars its quota endpoint reads tell the proxy when to move
    Given a scripted model server "quiet" whose Claude account answers 2 requests every 30 seconds, its bars only on its quota endpoint
    And the proxy runs with upstream "quiet" and failover to "second" with key from SECOND_KEY, reading "quiet"'s claude quota endpoint every second
    When a client streams 2 messages for model "claude-sonnet-4-5"
    And the proxy has read "quiet"'s spent window from its quota endpoint
    And a client streams 2 messages for model "claude-sonnet-4-5"
    Then every client answer was a 200 with one whole stream and no refusal in it
    And server "quiet" answered 2 requests and refused 0
    And server "second" answered 2 requests for model "claude-sonnet-4-5", each with SECOND_KEY's key and not the client's
    And the proxy's health counts 1 move, 0 returns and 2 moved requests
    And after the proxy stops, telemetry has 4 rows
    And rows 3 to 4 went to "second" from "quiet", its five_hour bar at 100% read from its quota endpoint, with the login and not the client's key

  Scenario: A Gemini key's spent daily quota moves the request until midnight Pacific time, whatever its short delay says
    # The Gemini API sends no bars: its refusal is a 429 RESOURCE_EXHAUSTED whose body names a per-day quota and a
    # retry delay of seconds; requests per day come back at midnight Pacific time.
    Given a scripted model server "gem-a" whose Gemini key answers 2 requests a period of 30 seconds
    And a scripted model server "gem-b" playing "hello" with its own Claude bars at 40%
    And the proxy runs with upstream "gem-a" and failover to "gem-b" with its Gemini key from SECOND_KEY
    When a Gemini client asks 3 times
    Then the Gemini answers were "200, 200, 200"
    And server "gem-a" answered 2 requests and refused 1
    And server "gem-b" answered 1 Gemini request, each with SECOND_KEY's key and not the client's
    And the proxy's health counts 1 move, 0 returns and 1 moved request
    And after the proxy stops, telemetry has 3 rows
    And row 3 went to "gem-b" from "gem-a", refused for its daily quota until the next midnight Pacific time

  Scenario: A Gemini per-minute limit is no window: its 429 reaches the client as it came, and nothing moves
    Given a scripted model server "gem-busy" answering a Gemini per-minute 429, then playing "hello"
    And a scripted model server "gem-b" playing "hello" with its own Claude bars at 40%
    And the proxy runs with upstream "gem-busy" and failover to "gem-b" with its Gemini key from SECOND_KEY
    When a Gemini client asks 2 times
    Then the Gemini answers were "429, 200"
    And the first Gemini answer is the per-minute 429 as the server sent it, its header and its RetryInfo
    And server "gem-b" answered 0 Gemini requests, each with SECOND_KEY's key and not the client's
    And the proxy's health counts 0 moves, 0 returns and 0 moved requests
    And after the proxy stops, telemetry has 2 rows
    And rows 1 and 2 went to "gem-busy" without a failover field

  Scenario: Any other error reaches the client: a 429 without the window's status, a 529
    Given a scripted model server "limited" answering 429 without rate-limit headers, then 529
    And the proxy runs with upstream "limited" and failover to "second" with key from SECOND_KEY
    When a client streams 2 messages for model "claude-sonnet-4-5"
    Then the client answers were 429 and 529
    And server "second" answered 0 requests and refused 0

  Scenario Outline: A chain that could never work is refused at start, naming the entry
    When I run "<command>"
    Then the command fails with "<message>"

    Examples:
      | command                                                                     | message                                                                  |
      | tracker proxy --check --upstream anthropic --failover openai                | --failover #1: back end openai speaks openai-responses                   |
      | tracker proxy --check --upstream anthropic --failover glm --failover glm    | --failover #2: back end glm is already in the chain (--failover #1)      |
      | tracker proxy --check --upstream anthropic --failover http://127.0.0.1:9    | --failover #1: back end 127.0.0.1:9 has no credential of its own         |
      | tracker proxy --check --upstream anthropic --failover glm --failover-quota claude,every=0 | --failover-quota: expected every=SECONDS (1 to 3600) |
      | tracker proxy --check --upstream anthropic --failover-quota codex           | --failover-quota: there is no chain to move along                        |
