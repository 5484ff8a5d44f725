@proxy
Feature: Codex signed in with ChatGPT, through the proxy
  Codex signed in with ChatGPT (a Plus or Pro plan) does not call the API: it posts to the ChatGPT back end,
  https://chatgpt.com/backend-api/codex/responses, with its login (a bearer token and a `chatgpt-account-id`).
  `tracker proxy` mirrors that back end's paths, so Codex's provider points at http://127.0.0.1:PORT/backend-api/codex.
  The proxy forwards the turn, counts its tokens, records the `x-codex-*` bars, and either passes Codex's own login
  through untouched or, for a back end with `auth_login: "codex"`, sends the login of its own $CODEX_HOME/auth.json in
  place of whatever Codex sent. The token and the account id never reach a file. Here the scripted model server plays
  the ChatGPT back end, with its real paths and refusals.

  Background:
    Given a scripted model server "chatgpt" playing "hello"

  Scenario: The login Codex sends passes through untouched; its tokens and bars are recorded, the login is not
    Given a proxy config sending every request to the ChatGPT back end at "chatgpt"
    And the proxy runs with that config
    When Codex signed in as account "acct-spec-own-0001" with token "spec-own-access-token" streams a turn in window "W-OWN"
    Then the client got status 200
    And the ChatGPT back end "chatgpt" received token "spec-own-access-token" and account "acct-spec-own-0001"
    And after the proxy stops, telemetry has 1 row in window "W-OWN" with the tokens "chatgpt" sent, from back end "chatgpt"
    And snapshots.jsonl has a proxy reading for "codex" in window "W-OWN" at 10% of the 5-hour window
    And after the proxy stops, no file in the data dir contains "spec-own-access-token" or "acct-spec-own-0001"

  Scenario: With auth_login the proxy sends its own login, and Codex's placeholder goes nowhere
    Given a Codex home signed in with ChatGPT as account "acct-spec-user-0001" with token "spec-user-access-token"
    And a proxy config sending every request to the ChatGPT back end at "chatgpt" with that Codex home's login
    And the proxy runs with that config and that Codex home
    When Codex signed in as account "agent-tracker-placeholder-account" with token "spec-placeholder-token" streams a turn in window "W-LOGIN"
    Then the client got status 200
    And the ChatGPT back end "chatgpt" received token "spec-user-access-token" and account "acct-spec-user-0001"
    And after the proxy stops, telemetry has 1 row in window "W-LOGIN" with the tokens "chatgpt" sent, from back end "chatgpt"
    And after the proxy stops, no file in the data dir contains "spec-user-access-token" or "acct-spec-user-0001"
    And after the proxy stops, no file in the data dir contains "spec-placeholder-token" or "agent-tracker-placeholder-account"

  Scenario: ChatGPT's web API is not forwarded, and its refusals are not charged to the window
    Given a Codex home signed in with ChatGPT as account "acct-spec-user-0001" with token "spec-user-access-token"
    And a proxy config sending every request to the ChatGPT back end at "chatgpt" with that Codex home's login
    And the proxy runs with that config and that Codex home
    When Codex asks the proxy for "/backend-api/wham/accounts/check" in window "W-WEB"
    And Codex asks the proxy for "/backend-api/conversations?offset=0" in window "W-WEB"
    Then the client got status 404
    And server "chatgpt" received 0 requests
    And after the proxy stops, telemetry has 0 rows

  Scenario: The back end refuses a turn without the login, as the real one does, and the proxy passes that on
    Given a proxy config sending every request to the ChatGPT back end at "chatgpt"
    And the proxy runs with that config
    When Codex signed in as account "" with token "spec-own-access-token" streams a turn in window "W-NOID"
    Then the client got status 401 with body '{"detail":"Unauthorized"}'
    And after the proxy stops, telemetry has 1 row in window "W-NOID" with status 401

  Scenario: An expired login stops the proxy before it listens, naming the file and what to do
    Given a Codex home signed in with ChatGPT whose access token expired an hour ago
    And a proxy config sending every request to the ChatGPT back end at "chatgpt" with that Codex home's login
    When I start the proxy with that config and that Codex home
    Then the exit code is 3
    And stderr contains "auth.json: the ChatGPT login's access token expired at"
    And stderr contains "run codex once (it refreshes its own login)"

  Scenario: --check says where a back end's login comes from, without reading it
    Given a proxy config sending every request to the ChatGPT back end at "chatgpt" with that Codex home's login
    When I run "proxy --config proxy.json --check"
    Then the command succeeds
    And stdout contains "(provider codex, ChatGPT login from $CODEX_HOME/auth.json)"
