Feature: An experiment arm can be a failover portfolio, measured against each subscription alone
  `--providers A>B` runs A's agent on A's subscription, its requests moving to B's once A refuses for its window
  (the run's proxy holds the chain, docs/failover.md). Each of its windows is priced on both subscriptions, each
  subscription's bar moves at its own plan's price, summed; the report compares the portfolio with each single
  subscription on correct work per dollar, failures' dollars included. The scripted Claude account here holds about
  one arm's work and refuses once spent: the single subscription's arm it refused reads `refused` on the run's lines,
  never `fail` as a wrong solution does (it is scored as it ended). The report names the portfolio as it is, `A>B`.

  Scenario: The portfolio runs end to end, its work moved on both back ends, and the report names it beside the single arms
    When I run "experiment run --seed 1 --providers sim-claude-tiny,sim-glm,sim-claude-tiny>sim-glm --only lru-cache-ttl,csv-line-parser --no-report"
    Then the command succeeds
    And stderr contains "SIMULATED: sim-claude-tiny, sim-glm, sim-claude-tiny>sim-glm are answered by agent-tracker's scripted model server"
    And stdout has a line matching "lru-cache-ttl +sim-claude-tiny refused +quality 0.00"
    And the proxy moved "sim-claude-tiny>sim-glm"'s work to "sim-glm" after a refusal of its five_hour window
    And the requests of "sim-claude-tiny>sim-glm"'s windows were answered by both "sim-claude-tiny>sim-glm" and "sim-glm", the moved ones marked
    And a window of "sim-claude-tiny>sim-glm" priced its moved requests' share of "sim-glm" under plan "sim-lite"
    When I run "experiment report --no-charts --json"
    Then the command succeeds
    And the report prices "sim-claude-tiny>sim-glm" in dollars of subscription
    And the report prices "sim-claude-tiny" in dollars of subscription
    And the report prices "sim-glm" in dollars of subscription
    And the report says "sim-claude-tiny / sim-claude-tiny>sim-glm"
    And the report says "sim-glm / sim-claude-tiny>sim-glm"
    And the report does not say "&gt;"
    And stdout contains "\"provider\": \"sim-claude-tiny>sim-glm\""
    And stdout does not contain "&gt;"

  Scenario: A portfolio naming a provider no profile has is refused at plan time, naming the entry
    When I run "experiment plan --seed 1 --providers sim-claude,sim-claude>sim-glx"
    Then the command fails with "--providers sim-claude>sim-glx: no profile for provider \"sim-glx\" (did you mean sim-glm?)"

  Scenario: A portfolio whose second back end speaks another API than its agent is refused at plan time, and a run writes nothing
    When I run "experiment plan --seed 1 --providers glm,claude>codex-chatgpt"
    Then the command fails with "--providers claude>codex-chatgpt: codex-chatgpt's back end speaks openai-responses, but claude's agent (driver claude) speaks anthropic-messages"
    When I run "experiment run --seed 1 --providers glm,claude>codex-chatgpt --no-report"
    Then the command fails with "codex-chatgpt's back end speaks openai-responses"
    And no file "assignments.jsonl" exists in the data directory
