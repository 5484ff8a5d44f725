Feature: A compatible back end is one declaration in the data dir's providers.json
  A coding plan that speaks Anthropic's or OpenAI's API (Kimi, DeepSeek, Qwen, a gateway) needs no code and no other
  file: one entry in `<data-dir>/providers.json` names its protocol, its URL, the variable holding its key, the agent
  that drives it, its plans and its model prices. The proxy takes it as a preset, `experiment run` as a profile, the
  plan table and the price table as theirs, and captures accept its id (docs/providers.md, "Adding a provider").

  Background:
    Given a scripted model server "coding-plan" solving the task bank
    And the data dir's providers.json declares "kimi" at server "coding-plan":
      """
      {
        "protocol": "anthropic-messages",
        "auth_env": "KIMI_API_KEY",
        "auth_header": "x-api-key",
        "agent": { "driver": "scripted", "model": "kimi-for-coding", "plan": "kimi-moderato" },
        "plans": { "kimi-moderato": { "name": "Kimi Moderato", "usd_per_month": 19, "priced_at": "2026-11-27", "windows": ["five_hour", "weekly"] } },
        "prices": { "kimi-for-coding": { "input": 0.6, "output": 2.5, "cache_read": 0.15, "cache_creation": 0 } }
      }
      """

  Scenario: An experiment runs it through its own back end: the proxy signs in with its key, its plan and prices apply
    When I run "experiment run --providers kimi,sim-steady --seed 7 --only lru-cache-ttl --no-stop-rules --json" with the variable KIMI_API_KEY set to "sk-kimi-test-0123456789"
    Then the command succeeds
    And every window of "kimi" is priced under plan "kimi-moderato"
    And the scripted server "coding-plan" received the key "sk-kimi-test-0123456789" in x-api-key on every model request, and nothing reached it without
    When I run "usage --by day --provider kimi --json"
    Then every usage row of "kimi" is priced in dollars from the declared prices

  Scenario: Captures know it without --new-provider, and the proxy takes it as a preset
    When I run "snapshot before --provider kimi --input plain-reading.json"
    Then the command succeeds
    When I run "proxy --upstream kimi --check" with the variable KIMI_API_KEY set to "sk-kimi-test-0123456789"
    Then the command succeeds
    And stdout contains "kimi"
    And stdout does not contain "sk-kimi-test"

  Scenario: A bad declaration is one line naming the file and the field, and nothing runs
    Given the data dir's providers.json declares "kimi" at server "coding-plan":
      """
      { "protocol": "anthropic-messages", "agent": { "driver": "codex", "model": "kimi-for-coding" } }
      """
    When I run "experiment run --providers kimi --seed 7 --only lru-cache-ttl"
    Then the command fails with "providers.kimi: agent.driver \"codex\" speaks openai-responses, not this provider's anthropic-messages"
