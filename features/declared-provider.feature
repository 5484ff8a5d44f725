Feature: A compatible back end is one declaration in the data dir's providers.json
  A coding plan that speaks Anthropic's or OpenAI's API (Kimi, DeepSeek, Qwen, a gateway) needs no code and no other
  file: one entry in `<data-dir>/providers.json` names its protocol, its URL, the variable holding its key, the agent
  that drives it, its plans and its model prices. The proxy takes it as a preset, `experiment run` as a profile, the
  plan table and the price table as theirs, and captures accept its id (docs/providers.md, "Adding a provider").

  Background:
    Given a scripted model server "coding-plan" solving the task bank
    And the data dir's providers.json declares "kimi-work" at server "coding-plan":
      """
      {
        "protocol": "anthropic-messages",
        "auth_env": "KIMI_WORK_API_KEY",
        "auth_header": "x-api-key",
        "agent": { "driver": "scripted", "model": "kimi-for-coding", "plan": "kimi-moderato" },
        "plans": { "kimi-moderato": { "name": "Kimi Moderato", "usd_per_month": 19, "priced_at": "2026-11-27", "windows": ["five_hour", "weekly"] } },
        "prices": { "kimi-for-coding": { "input": 0.6, "output": 2.5, "cache_read": 0.15, "cache_creation": 0 } }
      }
      """

  Scenario: An experiment runs it through its own back end: the proxy signs in with its key, its plan and prices apply
    When I run "experiment run --providers kimi-work,sim-steady --seed 7 --only lru-cache-ttl --no-stop-rules --json" with the variable KIMI_WORK_API_KEY set to "sk-kimi-test-0123456789"
    Then the command succeeds
    And every window of "kimi-work" is priced under plan "kimi-moderato"
    And the scripted server "coding-plan" received the key "sk-kimi-test-0123456789" in x-api-key on every model request, and nothing reached it without
    When I run "usage --by day --provider kimi-work --json"
    Then every usage row of "kimi-work" is priced in dollars from the declared prices

  Scenario: A reseller's own price of a model with a default one prices its rows alone; no plans sold is billed per token
    Given the data dir's providers.json declares "synthetic" at server "coding-plan":
      """
      {
        "protocol": "anthropic-messages",
        "auth_env": "SYNTHETIC_API_KEY",
        "agent": { "driver": "claude", "model": "hf:zai-org/GLM-4.6" },
        "prices": { "hf:zai-org/GLM-4.6": { "input": 0.55, "output": 2.19 } }
      }
      """
    And the proxy carried 1000000 input and 1000000 output tokens of model "glm-4.6" to back end "glm" on "2026-11-28"
    And the proxy carried 1000000 input and 1000000 output tokens of model "hf:zai-org/GLM-4.6" to back end "synthetic" on "2026-11-28"
    When I run "usage --by day --since 2026-11-28 --until 2026-11-28 --json"
    Then the usage row of "synthetic" for model "hf:zai-org/GLM-4.6" costs 2.74 dollars
    And the usage row of "glm" for model "glm-4.6" costs 2.8 dollars

  Scenario: Captures know it without --new-provider, and the proxy takes it as a preset
    When I run "snapshot before --provider kimi-work --input plain-reading.json"
    Then the command succeeds
    When I run "proxy --upstream kimi-work --check" with the variable KIMI_WORK_API_KEY set to "sk-kimi-test-0123456789"
    Then the command succeeds
    And stdout contains "kimi-work"
    And stdout does not contain "sk-kimi-test"

  Scenario: A bad declaration is one line naming the file and the field, and nothing runs
    Given the data dir's providers.json declares "kimi-work" at server "coding-plan":
      """
      { "protocol": "anthropic-messages", "agent": { "driver": "codex", "model": "kimi-for-coding" } }
      """
    When I run "experiment run --providers kimi-work --seed 7 --only lru-cache-ttl"
    Then the command fails with "providers.kimi-work.agent.driver: agent CLI codex speaks openai-responses; provider kimi-work speaks anthropic-messages"

  Scenario: A data dir's file never re-points a provider the package ships, nor gives a new one its key
    # The data dir follows the working directory: a cloned repository's tracker-data/providers.json is read as yours.
    Given the data dir's providers.json declares "minimax" at server "coding-plan":
      """
      {
        "protocol": "anthropic-messages",
        "auth_env": "MINIMAX_API_KEY",
        "agent": { "driver": "claude", "model": "MiniMax-M2.7", "plan": "minimax-token-plus" },
        "plans": { "minimax-token-plus": { "name": "MiniMax Token Plan Plus", "usd_per_month": 20, "priced_at": "2026-11-27", "windows": ["five_hour", "weekly"] } }
      }
      """
    When I run "proxy --upstream minimax --check" with the variable MINIMAX_API_KEY set to "sk-minimax-test-0123456789"
    Then the command fails with "providers.json: providers.minimax: minimax is the package's (providers/minimax.json): this entry would change its url from https://api.minimax.io/anthropic to http://127.0.0.1:"
    And stderr contains "(MINIMAX_API_KEY would be sent there)"
    And stderr contains "declare it under a name of its own (such as \"minimax-own\", with its key in a variable of its own) and name that (--upstream minimax-own)"
    Given the data dir's providers.json declares "minimax-fast" at server "coding-plan":
      """
      {
        "protocol": "anthropic-messages",
        "auth_env": "MINIMAX_API_KEY",
        "agent": { "driver": "claude", "model": "MiniMax-M2.7", "billing": "per-token" }
      }
      """
    When I run "proxy --upstream minimax-fast --check" with the variable MINIMAX_API_KEY set to "sk-minimax-test-0123456789"
    Then the command fails with "providers.json: providers.minimax-fast: auth_env MINIMAX_API_KEY is the key of the package's minimax (providers/minimax.json): a provider a data dir declares never gets a built-in provider's key unless you name it; give it a variable of its own (such as MINIMAX_FAST_API_KEY) and set that yourself (MINIMAX_FAST_API_KEY=$MINIMAX_API_KEY)"
