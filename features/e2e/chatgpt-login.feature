@e2e
Feature: The real Codex signed in with ChatGPT, through the proxy
  The pinned codex 0.169.0, signed in with ChatGPT from an auth.json (a fake login: nothing leaves the loopback-only
  namespace), set up as the runner's codex-chatgpt profile sets it up: a provider with `requires_openai_auth` at
  `<proxy>/backend-api/codex`. It runs a tool loop through `tracker proxy` against the scripted ChatGPT back end. The
  tokens agree four ways as for the API-key client, and the back end gets the right login: Codex's own, passed
  through untouched, or the proxy's (`auth_login`), while Codex holds only the runner's placeholder and the user's
  token reaches neither the data dir nor Codex's home.

  Background:
    Given the real clients are installed and this network namespace has only loopback
    And a scripted model server "chatgpt" playing "write-file"

  Scenario: Codex's own ChatGPT login passes through the proxy untouched
    Given the tracker proxy runs in front of the ChatGPT back end "chatgpt", passing the client's login through
    When the real codex client signed in with ChatGPT as the user runs "Create hello.txt" in window "E2E-CHATGPT"
    Then the real codex client succeeded
    And the real codex client wrote "hello.txt" in its work tree
    And the ChatGPT back end "chatgpt" received the user's login on every request
    And the tokens agree four ways for the real codex client in window "E2E-CHATGPT": server, proxy telemetry, client totals and ccusage

  Scenario: The proxy sends the user's login; the sandboxed Codex holds the runner's placeholder and never sees it
    Given the tracker proxy runs in front of the ChatGPT back end "chatgpt" with the user's login from their Codex home
    When the real codex client signed in with ChatGPT as the runner's placeholder runs "Create hello.txt" in window "E2E-CHATGPT"
    Then the real codex client succeeded
    And the real codex client wrote "hello.txt" in its work tree
    And the ChatGPT back end "chatgpt" received the user's login on every request
    And the tokens agree four ways for the real codex client in window "E2E-CHATGPT": server, proxy telemetry, client totals and ccusage
    And the user's token and account id are in no file of the data dir or of the agent's Codex home
