@e2e
Feature: Gemini CLI is measured like the others
  The real, pinned Gemini CLI (0.61.0) speaks Google's Gemini API through `tracker proxy` to the scripted server, in a
  loopback-only network namespace: the model is in the request's path, usage in each chunk's `usageMetadata` (the cache
  inside the prompt count). What the server sent, what the proxy recorded, what the CLI's own `-o json` stats count and
  what its own OpenTelemetry export (`gemini_cli.api_response`, taken by the proxy's OTLP receiver) says, and what
  ccusage and `tracker ingest gemini-session` read from its session files, are the same numbers (docs/providers.md, "Where a provider is declared").
  Then the `gemini` profile in whole experiment runs: its arm solved in the runner's sandbox with `write_file` and
  scored, its turns kept as evidence (the function calls read from Gemini's chunks), its window counted in tokens (an API key has no bars) and priced at list prices, beside Claude Code and Codex
  on their plans in one report in dollars. Signed in with Google (a Google AI plan), the CLI speaks Code Assist instead
  (`v1internal:streamGenerateContent`, each request and chunk wrapped), which the proxy taps alike; the `gemini-google`
  profile's arms hold a placeholder token while the proxy sends the login, and its daily bar, read from Code Assist's
  quota before and after each arm, prices it in dollars of subscription under `google-ai-pro`.

  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: gemini single turn: server = proxy telemetry = the CLI's own stats
    Given a scripted model server "main" playing "hello"
    And the tracker proxy runs in front of "main" for the real clients
    When Gemini CLI runs "Say hello" in window "E2E-GEMINI"
    Then Gemini CLI answered "Hello from the scripted server." and the tokens agree six ways in window "E2E-GEMINI": server, proxy telemetry, its own stats, its own OpenTelemetry, ccusage and the tracker reading its session files

  Scenario: gemini signed in with Google (a Google AI plan): Code Assist through the proxy, the same six ways, its daily bar read
    Given a scripted model server "main" playing "hello"
    And the tracker proxy runs in front of "main" for the real clients
    When Gemini CLI signed in with Google runs "Say hello" in window "E2E-GEMINI-GOOGLE"
    And tracker quota reads the Google login's daily bar through the proxy
    Then Gemini CLI answered "Hello from the scripted server." and the tokens agree six ways in window "E2E-GEMINI-GOOGLE": server, proxy telemetry, its own stats, its own OpenTelemetry, ccusage and the tracker reading its session files

  Scenario: A gemini arm of experiment run: solved in its sandbox, scored, counted in tokens, its own OpenTelemetry within 2%
    When I run the experiment with the real clients: "experiment run --providers gemini,sim-steady --upstream scripted --seed 7 --only lru-cache-ttl --no-stop-rules --no-report"
    Then the real experiment run succeeded with 2 windows, every arm with quality 1
    And every window of "gemini" says its capacity came from "tokens counted at the proxy"
    And every window of "gemini" has its agent's own OpenTelemetry count, within 2% of the proxy's, and no "divergent:otel" anomaly
    And every window of the run has its evidence: turns, a diff, per-test results and a summary

  Scenario: A gemini-google arm (a Google AI plan): Code Assist through the proxy, solved and scored, its daily bar read around it
    When I run the experiment with the real clients: "experiment run --providers gemini-google,sim-steady --upstream scripted --seed 7 --only lru-cache-ttl --no-stop-rules --no-report"
    Then the real experiment run succeeded with 2 windows, every arm with quality 1
    And every window of "gemini-google" is priced under plan "google-ai-pro"
    And every window of "gemini-google" has its daily bar read from Code Assist before and after, moved by its own use
    And every window of "gemini-google" has its agent's own OpenTelemetry count, within 2% of the proxy's, and no "divergent:otel" anomaly
    And every window of the run has its evidence: turns, a diff, per-test results and a summary

  Scenario: Claude Code, Codex on a ChatGPT plan, Gemini CLI on a Google AI plan and on a key, and the catalog's MiniMax, Kimi and Alibaba in one run: every arm scored, one report in dollars
    When I run the experiment with the real clients: "experiment run --providers claude,codex-chatgpt,gemini-google,gemini,minimax,kimi,alibaba --upstream scripted --seed 7 --only lru-cache-ttl,duration-parser --no-stop-rules --plan claude=claude-max-20x --plan codex-chatgpt=chatgpt-pro --plan kimi=kimi-code-allegretto"
    Then the real experiment run succeeded with 14 windows, every arm with quality 1
    And the report compares "claude,codex-chatgpt,gemini-google,gemini,minimax,kimi,alibaba" in work per dollar, "gemini" priced at list prices
    And every window of "minimax" is priced under plan "minimax-token-plus"
    And every window of "kimi" is priced under plan "kimi-code-allegretto"
    And every window of "alibaba" is priced under plan "alibaba-coding-pro"
    And every window of "gemini-google" is priced under plan "google-ai-pro"
    And every window of the run has its agent's own OpenTelemetry count, within 2% of the proxy's, and no "divergent:otel" anomaly
