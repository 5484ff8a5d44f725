Feature: The viewer prices every kind of provider as the CLI does
  The providers a run measures come from three places: the built-in ones, the package's catalog (providers/*.json:
  MiniMax, Kimi, Alibaba) and the data dir's providers.json. The commands and the viewer's reader read one catalog
  built from all three (docs/decisions, the provider catalog): the viewer's report and Usage page show the same
  dollars, pricing table and "tasks would settle" as `experiment report` and `tracker usage` (docs/providers.md).

  Scenario: A built-in, a catalog and a data-dir provider: the viewer's report and usage equal the CLI's
    Given a scripted model server "coding-plan" solving the task bank
    And the data dir's providers.json declares "kimi-work" at server "coding-plan":
      """
      {
        "protocol": "anthropic-messages",
        "agent": { "driver": "scripted", "model": "kimi-for-coding", "plan": "kimi-moderato" },
        "plans": { "kimi-moderato": { "name": "Kimi Moderato", "usd_per_month": 19, "priced_at": "2026-11-27", "windows": ["five_hour", "weekly"] } },
        "prices": { "kimi-for-coding": { "input": 0.6, "output": 2.5, "cache_read": 0.15, "cache_creation": 0 } }
      }
      """
    # The catalog's MiniMax (its plans and prices from providers/minimax.json), its arms answered by the scripted server.
    And a file "profiles.json" containing:
      """
      { "providers": { "minimax": { "driver": "scripted", "model": "MiniMax-M2.7", "upstream": "scripted", "plan": "minimax-token-plus" } } }
      """
    When I run "experiment run --providers kimi-work,minimax,sim-steady --profiles profiles.json --seed 7 --only lru-cache-ttl --no-stop-rules --no-report"
    Then the command succeeds
    When I run "experiment report"
    Then the command succeeds
    When I run "usage --by day --json"
    Then every usage row of "kimi-work" is priced in dollars from the declared prices
    And every usage row of "minimax" is priced in dollars from the declared prices
    Given "experiment view" is running on the data dir
    Then the viewer's usage by day has the rows of the last command, dollars included
    And the viewer's report is the markdown "experiment report" wrote, with its pricing table and the dollars of "kimi-work" and "minimax"
