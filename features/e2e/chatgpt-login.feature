@e2e
Feature: The real Codex signed in with ChatGPT, through the proxy
  The pinned codex 0.169.0, signed in with ChatGPT from an auth.json (a fake login: nothing leaves the loopback-only
  namespace), set up as the runner's codex-chatgpt profile sets it up: a provider with `requires_openai_auth` at
  `<proxy>/backend-api/codex`. It runs a tool loop through `tracker proxy` against the scripted ChatGPT back end. The
  tokens agree four ways as for the API-key client, and the back end gets the right login: Codex's own, passed
  through untouched, or the proxy's (`auth_login`), while Codex holds only the runner's placeholder and the user's
  token reaches neither the data dir nor Codex's home. Last, a whole `experiment run` arm of the codex-chatgpt profile
  (its upstream moved to the stand-in): the arm scores, its bars come from the quota endpoint, and no sandbox holds
  the login, and Codex's own OpenTelemetry count of the arm agrees with the proxy's.

  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: Codex's own ChatGPT login passes through the proxy untouched
    Given a scripted model server "chatgpt" playing "write-file"
    And the tracker proxy runs in front of the ChatGPT back end "chatgpt", passing the client's login through
    When the real codex client signed in with ChatGPT as the user runs "Create hello.txt" in window "E2E-CHATGPT"
    Then the real codex client succeeded
    And the real codex client wrote "hello.txt" in its work tree
    And the ChatGPT back end "chatgpt" received the user's login on every request to its API
    And the tokens agree four ways for the real codex client in window "E2E-CHATGPT": server, proxy telemetry, client totals and ccusage

  Scenario: The proxy sends the user's login; the sandboxed Codex holds the runner's placeholder and never sees it
    Given a scripted model server "chatgpt" playing "write-file"
    And the tracker proxy runs in front of the ChatGPT back end "chatgpt" with the user's login from their Codex home
    When the real codex client signed in with ChatGPT as the runner's placeholder runs "Create hello.txt" in window "E2E-CHATGPT"
    Then the real codex client succeeded
    And the real codex client wrote "hello.txt" in its work tree
    And the ChatGPT back end "chatgpt" received the user's login on every request to its API
    And the tokens agree four ways for the real codex client in window "E2E-CHATGPT": server, proxy telemetry, client totals and ccusage
    And the user's token and account id are in no file of the data dir or of the agent's Codex home

  Scenario: A codex-chatgpt arm of experiment run: the run's proxy sends the user's login, no sandbox ever holds it
    Given a scripted ChatGPT back end "chatgpt" solving the task bank
    When I run the experiment as the user signed in with ChatGPT, codex-chatgpt at "chatgpt": "experiment run --providers codex-chatgpt,sim-steady --seed 7 --only lru-cache-ttl --no-stop-rules --no-report --plan codex-chatgpt=chatgpt-pro"
    Then the real experiment run succeeded with 2 windows, every arm with quality 1
    And every window of "codex-chatgpt" says its capacity came from "the provider's quota endpoint (no request spent), before and after the agent"
    And every window of "codex-chatgpt" is priced under plan "chatgpt-pro"
    And every window of "codex-chatgpt" has its agent's own OpenTelemetry count, within 2% of the proxy's, and no "divergent:otel" anomaly
    And the ChatGPT back end "chatgpt" received the user's login on every request to its API
    And the user's token and account id are in no file of the data dir or of the arms' sandboxes
