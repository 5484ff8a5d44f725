@proxy
Feature: The routing proxy counts real tokens, records the bars, routes sub-agents and survives failures
  `tracker proxy` sits between an agent and its model API. It forwards every request as it came,
  streams the answer back as it arrives, counts the tokens the API reported, records the subscription
  bars the response headers carry, and routes chosen models to another back end.

  Background:
    Given a scripted model server "main" playing "hello"
    And a scripted model server "glm" playing "hello" with GLM-style usage

  Scenario: A haiku-model request goes to the second back end with its model rewritten
    Given the proxy runs with upstream "main" and route "claude-haiku-*" to "glm" as model "glm-4.5-air"
    When a client streams a message for model "claude-haiku-4-5"
    And a client streams a message for model "claude-sonnet-4-5"
    Then server "glm" received 1 request for model "glm-4.5-air"
    And server "main" received 1 request for model "claude-sonnet-4-5"
    And after the proxy stops, telemetry has 2 rows
    And the telemetry row for "claude-haiku-4-5" has backend "127.0.0.1:glm", model "glm-4.5-air", subagent "haiku"
    And every telemetry row has the token counts its server sent

  Scenario: A rule on the haiku alias also takes the model the user named with ANTHROPIC_DEFAULT_HAIKU_MODEL
    Given a proxy config file routing the haiku alias to "glm" as model "glm-4.5-air"
    And the proxy runs with that config, upstream "main" and ANTHROPIC_DEFAULT_HAIKU_MODEL="my-small-model"
    When a client streams a message for model "my-small-model"
    And a client streams a message for model "claude-3-5-haiku-latest"
    And a client streams a message for model "claude-opus-4-1"
    Then server "glm" received 2 requests for model "glm-4.5-air"
    And server "main" received 1 request for model "claude-opus-4-1"

  Scenario: A rule on the attribution header routes one agent's traffic, and the header never leaves the proxy
    Given a proxy config file routing header "x-tracker-agent" matching "sub*" to "glm"
    And the proxy runs with that config and upstream "main"
    When agent "sub1" streams a message for model "claude-sonnet-4-5" in window "W1" for feature "F7"
    And agent "main" streams a message for model "claude-sonnet-4-5" in window "W1" for feature "F7"
    Then server "glm" received 1 request
    And no server saw a header starting with "x-tracker-"
    And after the proxy stops, the telemetry rows are attributed to agents "sub1,main" in window "W1" for feature "F7"

  Scenario: Usage is counted from a stream split at awkward byte boundaries
    Given a raw upstream "splitter" that sends a message stream in 3-byte pieces with cumulative usage 1234 in and 567 out
    And the proxy runs with upstream "splitter"
    When a client streams a message for model "claude-sonnet-4-5"
    Then the client received the stream byte for byte
    And after the proxy stops, telemetry has 1 row with 1234 prompt tokens and 567 completion tokens

  Scenario: The bars in response headers become proxy readings, once per change
    Given the proxy runs with upstream "main"
    When a client streams 3 messages for model "claude-sonnet-4-5" in window "W2"
    Then after the proxy stops, snapshots.jsonl has proxy readings for "claude" in window "W2" with rising 5h use

  Scenario: An overloaded back end's 529 reaches the client in the API's own envelope
    Given a scripted model server "busy" playing "flaky"
    And the proxy runs with upstream "busy"
    When a client streams a message for model "claude-sonnet-4-5"
    Then the client got status 529 with error type "overloaded_error"
    And after the proxy stops, telemetry has 1 row with status 529 and error type "overloaded_error"

  Scenario: A back end that refuses connections gives the client a well-formed 502
    Given the proxy runs with upstream "http://127.0.0.1:9"
    When a client streams a message for model "claude-sonnet-4-5"
    Then the client got status 502 with error type "api_error"
    And after the proxy stops, telemetry has 1 row with status 502 and error type "upstream_unreachable"

  Scenario: A back end that never answers times out into a well-formed 504
    Given a raw upstream "mute" that never answers
    And a proxy config file with back end "mute" at "mute" waiting 300 ms for headers
    And the proxy runs with that config
    When a client streams a message for model "claude-sonnet-4-5"
    Then the client got status 504 with error type "timeout_error"
    And after the proxy stops, telemetry has 1 row with status 504 and error type "upstream_timeout"

  Scenario: A back end that dies mid-stream ends the client's stream with an error event
    Given a raw upstream "dying" that sends half a message stream and then resets the connection
    And the proxy runs with upstream "dying"
    When a client streams a message for model "claude-sonnet-4-5"
    Then the client's stream ends with an "api_error" error event
    And after the proxy stops, telemetry has 1 row with status 200 and error type "upstream_reset"

  # Events a second apart: an abort sent at once reaches the upstream long before the next event would have
  # failed to write, with room for a loaded CI machine (100 ms against 200 ms failed there at 133 ms).
  Scenario: A client that hangs up mid-stream aborts the upstream request at once
    Given a raw upstream "slow" that streams one event every 1000 ms for 10 seconds
    And the proxy runs with upstream "slow"
    When a client hangs up after the first event
    Then upstream "slow" saw its request aborted within 500 ms
    And after the proxy stops, telemetry has 1 row marked aborted

  Scenario: Keys sent by the client are forwarded but never written anywhere
    Given the proxy runs with upstream "main"
    When a client streams a message with key "sk-ant-api03-DoNotWriteMe0123456789abcdef" and bearer "sk-ant-oat01-AlsoSecret0123456789abcdef"
    Then server "main" received the key "sk-ant-api03-DoNotWriteMe0123456789abcdef"
    And after the proxy stops, no file in the data dir contains "DoNotWriteMe" or "AlsoSecret"

  Scenario: count_tokens is forwarded; on a back end without it the answer is the back end's 404, not a fake zero
    Given a scripted model server "no-count" playing "hello" without count_tokens
    And the proxy runs with upstream "main" and route "glm-*" to "no-count" as model "glm-4.6"
    When a client counts tokens for model "claude-sonnet-4-5"
    Then the client got status 200 with input tokens counted by server "main"
    When a client counts tokens for model "glm-4.6"
    Then the client got status 404 with error type "not_found_error"

  Scenario: A stream in flight finishes when the proxy is stopped, and its telemetry is flushed
    Given a raw upstream "slow" that streams one event every 200 ms for 1 seconds
    And the proxy runs with upstream "slow"
    When a client starts streaming a message and the proxy gets SIGTERM
    Then the client received the whole stream
    And the proxy exited 0 with telemetry of 1 row

  Scenario Outline: Bad proxy set-ups are refused with one line naming what is wrong
    When I run "<command>"
    Then the command fails with "<message>"

    Examples:
      | command                                                        | message                                   |
      | tracker proxy --host 0.0.0.0 --port 0                          | needs --auth-token                         |
      | tracker proxy --route 'claude-haiku-*' --check                 | expected MODEL_GLOB=TARGET                 |
      | tracker proxy --route 'claude-haiku-*=glm' --check             | ZAI_API_KEY, which is not set              |
      | tracker proxy --config bad-proxy.json --check                  | bad-proxy.json: routes[0].match          |
      | tracker proxy --port 70000                                     | expected a port from 0 to 65535            |

  Scenario: A window's before and after come from its first and last response, without pasting
    Given the proxy runs with upstream "main"
    When a client streams 3 messages for model "claude-sonnet-4-5" in window "W3"
    And the proxy stops
    And I run "tracker snapshot before --provider claude --window W3 --from-proxy"
    Then the command succeeds
    When I run "tracker snapshot after --provider claude --window W3 --from-proxy"
    Then stdout contains "Capacity delta: 2% of the 5h window"
    When I run "tracker snapshot after --provider codex --window W4 --from-proxy"
    Then the command fails with "window W4 has no before, and the proxy has no reading of codex tagged W4 yet: send the agent's requests through `tracker proxy` with the header x-tracker-window: W4"

  Scenario: On a fresh proxy the before asked for first is the window's first response, taken with the after
    # docs/proxy.md's order: before, the agent's work, after. Once the before said "no proxy reading of
    # claude yet" (exit 5) and the after "window W5 has no before".
    Given the proxy runs with upstream "main"
    When I run "tracker snapshot before --provider claude --window W5 --from-proxy"
    Then the command succeeds
    And stdout contains "the before of window W5 will be the first response `tracker proxy` tags with x-tracker-window: W5"
    And stdout contains "tracker snapshot after --provider claude --window W5 --from-proxy"
    And "snapshots.jsonl" has 0 "snapshot" rows
    When a client streams 3 messages for model "claude-sonnet-4-5" in window "W5"
    And the proxy stops
    And I run "tracker snapshot after --provider claude --window W5 --from-proxy"
    Then the command succeeds
    And stdout contains "Recorded before for claude in window W5"
    And stdout contains "Capacity delta: 2% of the 5h window"
    When I run "tracker snapshot before --provider claude --from-proxy --window W6"
    Then stdout contains "Recorded before for claude in window W6"

  Scenario: A before from a fresh proxy without a window id says which id to give
    When I run "tracker snapshot before --provider claude --from-proxy"
    Then the command fails with "no proxy reading of claude yet: name the window with --window W (the x-tracker-window header your agent sends through `tracker proxy`)"

  Scenario: A stream still running after the grace period is cut and recorded as cut by the shutdown
    Given a raw upstream "slow" that streams one event every 200 ms for 10 seconds
    And the proxy runs with upstream "slow" and grace 300 ms
    When a client starts streaming a message and the proxy gets SIGTERM
    Then the proxy exited 0 with telemetry of 1 row
    And the telemetry row has error type "proxy_shutdown" and is marked aborted

  Scenario: A client still sending its request body does not hold the proxy up when it stops
    Given the proxy runs with upstream "main" and grace 0 ms
    When a client sends half a request body and the proxy gets SIGTERM
    Then the proxy exited 0 with telemetry of 1 row
    And the telemetry row has error type "client_disconnected" and is marked aborted

  Scenario: Requests the proxy answers itself get the API's envelope and a telemetry row too
    Given the proxy runs with upstream "main"
    When a client posts to "/v1/%2e%2e/admin/keys"
    Then the client got status 400 with error type "invalid_request_error"
    When a client posts to "/admin"
    Then the client got status 404 with error type "not_found_error"
    And after the proxy stops, telemetry has 2 rows from the proxy itself with error types "proxy_bad_path,proxy_no_api"
    And server "main" received 0 requests

  Scenario: When telemetry cannot be written the proxy keeps serving, and says how much was lost when it stops
    Given the data dir is a file
    And the proxy runs with upstream "main"
    When a client streams a message for model "claude-sonnet-4-5"
    Then server "main" received 1 request
    When the proxy stops
    Then the proxy exited 7 saying "2 row(s) of telemetry and bar readings could not be written"

  Scenario: Claude Code's start-up probe is no error, and each agent's session id is recorded
    # Once the probe's 404 made this session read "errors=33.3%", and Codex's rows had session_id null.
    Given the proxy runs with upstream "main"
    When a client probes the proxy with "HEAD" "/api/hello"
    And Claude Code streams 2 messages in session "cc-session-1"
    And Codex streams a response in session "019a-codex-thread"
    Then after the proxy stops, the telemetry rows of "/v1/messages" have session "cc-session-1"
    And the telemetry rows of "/v1/responses" have session "019a-codex-thread"
    When I run "tracker preview"
    Then stdout contains "(prompts=3), latency="
    And stdout contains "errors=0.0%"
    And stdout contains "(1 other request was no model call, such as Claude Code's start-up HEAD /api/hello: in no figure)"
