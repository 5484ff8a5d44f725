@hardening @proxy-hardening
Feature: The proxy holds under hostile traffic
  Idle and slow connections are closed, request bodies are capped, refused requests leave no telemetry,
  the proxy's own routes need its token, dot segments are refused in every spelling, and the scripted
  model server follows the proxy's binding rule. Limits are set by flags or TRACKER_PROXY_* variables
  (docs/proxy.md, Hardening); these scenarios shorten them so each runs in about a second.

  Background:
    Given a scripted model server "main" playing "hello"

  Scenario: A connection that never finishes its headers is closed after the header timeout
    Given the proxy runs with upstream "main" and its "header timeout" set to 400
    When a client opens a connection and sends only part of its headers
    Then the proxy closes that connection within 2500 ms
    And the proxy answered that connection with status 408

  Scenario: An idle keep-alive connection is closed after the keep-alive timeout
    Given the proxy runs with upstream "main" and its "keep-alive timeout" set to 300
    When a client makes one keep-alive request and then stays idle
    Then the proxy closes that connection within 2000 ms

  Scenario: A body over the cap gets 413 in the API's envelope and nothing reaches the back end
    Given the proxy runs with upstream "main" and its "body cap" set to 1024
    When a client sends a message of 4 KB
    Then the client got status 413 with error type "request_too_large"
    And the answer closed its connection
    And server "main" received 0 requests
    And after the proxy stops, telemetry has 1 row with status 413 and error type "request_too_large"

  Scenario: A request refused for a missing token is counted but writes no telemetry row
    Given the proxy runs with upstream "main" and auth token "spec-token-1234"
    When a client streams a message for model "claude-sonnet-4-5"
    Then the client got status 401 with error type "authentication_error"
    And server "main" received 0 requests
    And after the proxy stops, telemetry has 0 rows

  Scenario: An everyday proxy on loopback answers only under the secret base URL it printed at its start
    Given the proxy runs with upstream "main"
    When a local process that was not told the proxy's URL posts a message to "/v1/messages"
    Then the client got status 401 with error type "authentication_error"
    When a local process that was not told the proxy's URL posts a message to "/_tracker/health"
    Then the client got status 401 with error type "authentication_error"
    And server "main" received 0 requests
    When a client streams a message for model "claude-sonnet-4-5"
    Then server "main" received 1 request
    And after the proxy stops, telemetry has 1 row

  Scenario: The proxy's health route needs the token when one is set
    Given the proxy runs with upstream "main" and auth token "spec-token-1234"
    When a client asks for the proxy health with token ""
    Then the client got status 401 with error type "authentication_error"
    When a client asks for the proxy health with token "spec-token-1234"
    Then the client got status 200 and a health report

  Scenario Outline: A dot segment hidden by encoding is refused: <path>
    Given the proxy runs with upstream "main"
    When a client posts to "<path>"
    Then the client got status 400 with error type "invalid_request_error"
    And server "main" received 0 requests

    Examples:
      | path           |
      | /v1/%2e%2e/x   |
      | /v1/..%2fx     |
      | /v1/..%5Cx     |

  Scenario: The model server refuses a non-loopback host without a token
    When the model server is started on host "0.0.0.0" without a token
    Then the model server refused to start, naming "--auth-token (or TRACKER_MODEL_SERVER_AUTH_TOKEN)"

  Scenario: The limits can be set by flag, a flag wins over its variable, and --check prints them
    When I run "proxy --check --json --max-body-bytes 2048 --keep-alive-timeout-ms 500" with the variable TRACKER_PROXY_MAX_BODY_BYTES set to "4096"
    Then the command succeeds
    And the JSON output has "limits.maxBodyBytes" = "2048"
    And the JSON output has "limits.keepAliveTimeoutMs" = "500"
    And the JSON output has "limits.maxConnections" = "1024"

  Scenario: A limit flag that is not a positive whole number is refused, naming the flag
    When I run "proxy --check --max-connections 0"
    Then the command fails with "--max-connections"

  Scenario: Limits that contradict each other are refused, naming the flag
    When I run "proxy --check --max-body-bytes 4096 --max-inflight-body-bytes 1024"
    Then the command fails with "--max-body-bytes"

  Scenario: The model server's token can be given as a flag, and clients must then send it
    When the model server is started with "--auth-token spec-token-5678" and asked for its models with token "" and then "spec-token-5678"
    Then the two answers had status 401 and 200
