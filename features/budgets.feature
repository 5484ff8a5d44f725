@budget
Feature: Token budgets hold at the proxy and on the agent
  Budgets limit what agents spend: overall, per command, agent, provider, window or feature, counted
  in tokens (total, input, output, input+output) or dollars. In warn mode a crossing is recorded and
  shown; in block mode the proxy refuses requests of a spent budget and cuts the stream that crosses it,
  and an agent watched by the runner is stopped. Every event lands in budget_events.jsonl.

  Background:
    Given a scripted model server "long" playing "long"

  Scenario: A cumulative stream is counted once
    Given a raw upstream "splitter" that sends a message stream in 7-byte pieces with cumulative usage 1234 in and 567 out
    And the proxy runs with upstream "splitter" and budget flags "--overall-token-budget 100000 --budget-metric output"
    When a client streams a message for model "claude-sonnet-4-5"
    And the proxy stops
    Then the budget "overall" has used 567 by "--overall-token-budget 100000 --budget-metric output"

  Scenario: Warn mode lets the work finish and records the crossing once
    Given the proxy runs with upstream "long" and budget flags "--overall-token-budget 200 --budget-metric output --budget-mode warn"
    When a client streams a message for model "claude-sonnet-4-5"
    Then the client's stream ended with stop reason "end_turn"
    And server "long" sent 2000 output tokens in its last answer
    And after the proxy stops, budget_events.jsonl has events "threshold,exceeded" for budget "overall"

  # The cut aborts the upstream at once; 250 leaves the server five 15 ms deltas to see it, as a loaded machine
  # needs (205 failed there at 210), and still catches a proxy that lets the 2,000-token answer run on.
  Scenario: Block mode cuts the stream that crosses the budget, then refuses the next request
    Given the proxy runs with upstream "long" and budget flags "--overall-token-budget 195 --budget-metric output --budget-mode block"
    When a client streams a message for model "claude-sonnet-4-5"
    Then the client's stream ended with stop reason "max_tokens"
    And server "long" sent at most 250 output tokens in its last answer
    When a client streams a message for model "claude-sonnet-4-5"
    Then the client got status 429 with error type "rate_limit_error"
    And the client was told not to retry, and why: "overall budget is spent"
    And server "long" received 1 request
    And after the proxy stops, budget_events.jsonl has events "cut,threshold,exceeded,overshoot,refused" for budget "overall"

  Scenario: A command with arguments is charged to its base command
    Given the proxy runs with upstream "long" and budget flags "--command-budget /test=195 --budget-metric output --budget-mode block"
    When a client streams a message as command "/Test --watch src"
    Then the client's stream ended with stop reason "max_tokens"
    When a client streams a message as command "/lint"
    Then the client's stream ended with stop reason "end_turn"
    And after the proxy stops, budget_events.jsonl has events "cut,threshold,exceeded,overshoot" for budget "command:/test"

  Scenario: Two agents with their own budgets do not share them
    Given the proxy runs with upstream "long" and budget flags "--agent-budget sub1=195 --agent-budget sub2=195 --budget-metric output --budget-mode block"
    When agent "sub1" streams a message for model "claude-sonnet-4-5" in window "W1" for feature "F1"
    Then the client's stream ended with stop reason "max_tokens"
    When agent "sub2" streams a message for model "claude-sonnet-4-5" in window "W1" for feature "F1"
    Then the client's stream ended with stop reason "max_tokens"
    When agent "sub1" streams a message for model "claude-sonnet-4-5" in window "W1" for feature "F1"
    Then the client got status 429 with error type "rate_limit_error"
    And server "long" received 2 requests

  Scenario: Budgets survive a proxy restart
    Given the proxy runs with upstream "long" and budget flags "--overall-token-budget 195 --budget-metric output --budget-mode block"
    When a client streams a message for model "claude-sonnet-4-5"
    And the proxy is restarted with the same flags
    And a client streams a message for model "claude-sonnet-4-5"
    Then the client got status 429 with error type "rate_limit_error"
    And server "long" received 1 request
    And after the proxy stops, budget_events.jsonl has 1 "exceeded" event for budget "overall"

  Scenario: The runner stops an agent whose own event stream crosses a block budget, and the window says so
    Given agent "main" has recorded a before for "codex" from "codex-status-before.txt" at "2026-11-20T10:00:00Z"
    And agent "main" has recorded a after for "codex" from "codex-status-after.txt" at "2026-11-20T11:10:00Z"
    When I run "experiment budget run --overall-token-budget 10 --budget-metric output --budget-mode block --window codex-20261120-1000 --provider codex --grace-ms 500 -- bash -c 'cat agent-stream.jsonl; sleep 30'"
    Then the exit code is 4
    And stdout contains "ended: budget-exceeded"
    And stdout contains "window codex-20261120-1000 completed as budget-exceeded"
    # The agent's event used more than the 10 left: all of it is charged, and what passed the limit is an overshoot.
    And budget_events.jsonl has events "threshold,exceeded,overshoot,stopped" for budget "overall"

  Scenario Outline: Bad budget flags are refused before anything runs
    When I run "<command>"
    Then the command fails with "<message>"

    Examples:
      | command                                                         | message                                                                  |
      | experiment budget --dry-run --command-budget /test=abc          | with N a positive number of tokens, got                                  |
      | experiment budget --dry-run --overall-token-budget -5           | --overall-token-budget: expected a positive number of tokens             |
      | experiment budget --dry-run --budget-metric tokens              | expected one of total, input, output, input+output, cost                 |
      | tracker proxy --check --agent-budget sub1                       | --agent-budget                                                           |
      | tracker proxy --check --budget-mode stop --overall-token-budget 5 | --budget-mode                                                          |

  Scenario: A client that hangs up mid-answer is charged what it received, not the placeholder
    Given the proxy runs with upstream "long" and budget flags "--overall-token-budget 100000 --budget-metric output --budget-mode block"
    When a client hangs up after the first event
    And the proxy stops
    Then the budget "overall" has used more than 1 by "--overall-token-budget 100000 --budget-metric output"

  Scenario: The runner does not start an agent whose block budget is already spent
    Given the proxy runs with upstream "long" and budget flags "--overall-token-budget 195 --budget-metric output --budget-mode block"
    When a client streams a message for model "claude-sonnet-4-5"
    And the proxy stops
    And I run "experiment budget run --overall-token-budget 195 --budget-metric output --budget-mode block -- bash -c 'touch started.txt'"
    Then the exit code is 4
    And stdout contains "ended: budget-exceeded"
    And the file "started.txt" does not exist

  @hardening
  Scenario Outline: An experiment run refuses a budget that no arm would ever be charged to
    # Commit f9e718a accepted these and they never bound (arms send no command and run as worker ids).
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --only ini-parser <flag>"
    Then the command fails with "<message>"
    And the data dir has no "windows.jsonl"

    Examples:
      | flag                             | message                                                                                                     |
      | --command-budget /implement=3000 | expected no command budget in an experiment run, got command:/implement                                     |
      | --agent-budget main=3000         | expected an agent budget for one of the run's workers (main-                                                |
      | --provider-budget anthropic=3000 | expected a provider budget for one of the run's back ends (sim-steady, sim-thrifty), got provider:anthropic |

  Scenario: seed 000's Level-4 check (an overall budget with a /test budget) is refused by a run naming the budget check that takes it
    # An arm's agent sends no slash command, so a /test budget could never bind in a run; experiment budget checks it.
    When I run "experiment run --dry-run --seed 42 --overall-token-budget 5000 --command-budget /test=1000"
    Then the command fails with "a command budget binds at tracker proxy and experiment budget run, and `npx experiment budget --dry-run --overall-token-budget 5000 --command-budget /test=1000` checks these budgets"
    And the data dir has no "windows.jsonl"
    When I run "experiment budget --dry-run --overall-token-budget 5000 --command-budget /test=1000"
    Then the command succeeds
    And stdout has a line matching "^  command:/test +1,000 tokens +warn +warn at 80%$"

  Scenario: an experiment run's dry run says the budgets it would enforce, and budget --list-commands is --list
    When I run "experiment run --dry-run --seed 3 --providers sim-steady,sim-thrifty --only ini-parser --overall-token-budget 5000"
    Then the command succeeds
    And stdout contains "Budgets (at the proxy: refuse and cut streams; on agents: stop them):"
    And stdout has a line matching "^  overall +5,000 tokens +warn +warn at 80%$"
    When I run "experiment run --dry-run --seed 3 --providers sim-steady,sim-thrifty --only ini-parser"
    Then stdout contains "Budgets: none (--overall-token-budget, --provider-budget, --window-budget or --arm-budget sets one)"
    When I run "experiment budget --list-commands --overall-token-budget 10000"
    Then the command succeeds
    And stdout contains "Budgets:"
    And stdout contains "overall"

  @hardening
  Scenario: --arm-budget gives each arm of a run its own block limit, and the runner stops each arm at it
    When I run "experiment run --seed 3 --providers sim-steady,sim-thrifty --only ini-parser --arm-budget 20 --budget-metric output --budget-mode block --no-stop-rules --no-report"
    Then the command succeeds
    And stderr contains "budgets: arm (each arm's window)"
    And stderr contains "20 output tokens  block"
    And stdout contains "sim-steady   budget-exceeded"
    And stdout contains "sim-thrifty  budget-exceeded"

  @hardening
  Scenario: A stream without an output cap holds its model's maximum, not the whole block budget
    # On 43e3261 one uncapped Responses stream reserved all 1,000,000 output tokens, and every other
    # agent's capped request waited for it to end (120 s at most, then 429 "the overall budget is spent").
    Given a scripted model server "slow" whose first answer streams 400 output tokens over 4000 ms and later ones are short
    And the proxy runs with upstream "slow" and budget flags "--overall-token-budget 1000000 --budget-metric output --budget-mode block"
    When agent "uncapped" starts a Responses stream uncapped
    And 20 other agents each send a Responses request cap=50
    Then all of them were answered while the first stream still ran

  @hardening
  Scenario: A request kept waiting by reservations in flight is told what holds the budget, never that it is spent
    Given a scripted model server "slow" whose first answer streams 400 output tokens over 4000 ms and later ones are short
    And the proxy runs with upstream "slow", budget flags "--overall-token-budget 1000 --budget-metric output --budget-mode block" and a budget wait of 500 ms
    When agent "big" starts a Responses stream cap=900
    And 3 other agents each send a Responses request cap=200
    Then each of them got status 429 saying "900 held by 1 request in flight", never "spent"

  @hardening
  Scenario: An arm's budget binds every request its agent sends, whatever window it names or leaves out
    # On 43e3261 an agent's own requests without x-tracker-window, or naming another window, were
    # charged to no arm (with --window-budget w1=20, 6 of 6 answered after w1 was refused). Now the base URL the runner
    # gives each agent, with a secret path of its arm's, decides what its requests are charged to.
    Given a provider profile "spoofer" whose claude sends its own requests, without the window header and naming other windows
    When I run "experiment run --seed 3 --providers spoofer,sim-steady --profiles profiles.json --only ini-parser --no-isolation --arm-budget 20 --budget-metric output --budget-mode block --no-stop-rules --no-report"
    Then every request of the "spoofer" arm's agent was charged to its own window, and its arm budget refused the later ones
