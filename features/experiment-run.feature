@experiment @runner
Feature: Running an experiment end to end
  `experiment run --seed S` plans a seeded AB/BA experiment over the task bank and runs each arm: a
  fresh git sandbox from the task's fixture, a before reading through the proxy, the agent, the hidden
  acceptance tests, churn, an after reading and a finalized window. Without API keys the providers
  are simulated (a scripted agent against the scripted model server), and the run says so.

  Scenario: The default providers run two tasks, record one window per arm and write the report
    When I run "experiment run --seed 42 --only lru-cache-ttl,csv-line-parser"
    Then the command succeeds
    And stderr contains "SIMULATED: sim-claude, sim-codex, sim-glm, sim-claude+glm are answered by agent-tracker's scripted model server"
    And stdout contains "8/8 arms done (8 this run, 0 before)"
    And windows.jsonl has 8 windows, one per arm of the plan
    And every window carries its task, commits, methodology and crossover cell
    And the file "data/reports/report.md" exists
    And the report says "**Simulated:** sim-claude, sim-claude+glm, sim-codex, sim-glm are simulated by agent-tracker (the windows' methodology says how), not real providers."
    And the report says "Work per $ (under \"Primary analysis\") is correct work per dollar of subscription"
    And the report says "G2 not evaluable: no backlog given (experiment report --tasks DIR)"
    And "Churn_Ledger.csv" has 8 records
    And every window's model calls carry one session id of their agent

  Scenario: The run pre-registers its analysis, records a preview after every period, and the report names any deviation
    When I run "experiment run --seed 42 --providers sim-steady,sim-thrifty --only lru-cache-ttl,csv-line-parser,ini-parser --alpha 0.1"
    Then the command succeeds
    And "assignments.jsonl" has 1 "analysis-plan" row
    And "previews.jsonl" has 2 "preview" rows
    And the report says "Pre-registered with plan"
    And the report says "- Alpha 0.1 (two-sided) for the whole decision: 1 pair at 0.1 each (Bonferroni), each pair followed task by task in an exact anytime-valid confidence sequence by betting"
    And the report says "- Task budget: each arm stopped once it has spent its provider's budget of list-price dollars (sim-steady $5, sim-thrifty $5; default"
    And the report says "G1 FAIL"
    When I run "experiment report --alpha 0.05 --no-charts"
    Then the command succeeds
    And stdout contains "- **Deviation:** alpha 0.05 instead of the pre-registered 0.1."
    When I run "experiment status --watch --count 1"
    Then the command succeeds
    And stdout contains "6/6 arms done, 0 running, 0 pending; complete"
    And stdout contains "  primary: work per 1% sim-steady / sim-thrifty = "
    # The exact sequence on 3 tasks rules out nothing yet (ADR 0041).
    And stdout contains "(anytime interval 0.00 to unbounded) on 3 tasks"
    And stdout contains "  verdict so far: No provider is ahead yet on 3 tasks"
    And stdout contains "  last arms:"
    And stdout contains "  bars:"
    And stdout has a line matching "^    sim-steady: about [\d.]+ \[[\d.]+, [\d.]+\] more (requests|sessions) like your last \d+ before the (5-hour|weekly) window binds"
    And stdout contains "Verdict:"
    When I run "experiment status --watch --count 1 --json"
    Then the command succeeds
    And stdout has 1 line
    And stdout contains "\"headroom\":[\"sim-"
    And stdout contains "\"ended\":true"
    When I run "experiment status --watch --every 0.5s"
    Then the command fails with "--every: expected a duration from 1s to 24h"

  Scenario: Previews a killed run owed are recorded when it resumes, each as it was due
    # A run killed between a period's last window and its preview resumed without it (3 previews
    # where the uninterrupted run had 4), and the report's G1 turned from pass to not evaluable.
    When I run "experiment run --seed 42 --providers sim-steady,sim-thrifty --only lru-cache-ttl,csv-line-parser,ini-parser --no-stop-rules --no-report"
    Then the command succeeds
    And "previews.jsonl" has 2 "preview" rows
    When the preview rows are taken out of "previews.jsonl", as a run killed before it wrote them leaves it
    And I run "experiment run --seed 42 --providers sim-steady,sim-thrifty --only lru-cache-ttl,csv-line-parser,ini-parser --no-stop-rules --no-report"
    Then the command succeeds
    And "previews.jsonl" has 2 "preview" rows
    And each preview row has the figures of the one taken out for its period

  Scenario: Two providers give an AB/BA crossover
    When I run "experiment run --seed 42 --providers sim-steady,sim-thrifty --only lru-cache-ttl,csv-line-parser --no-report"
    Then the command succeeds
    And windows.jsonl has 4 windows, one per arm of the plan
    And the windows split into 1 AB and 1 BA tasks

  Scenario: The same seed gives the same plan and the same outcomes
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 7 --only ini-parser,retry-backoff --no-report"
    Then the command succeeds
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 7 --only ini-parser,retry-backoff --no-report --data-dir again"
    Then the command succeeds
    And the data dirs "data" and "again" hold the same arms, outcomes, quality, deltas and tokens

  @hardening
  Scenario: A run stopped with SIGTERM removes its arm sandboxes (and the agent's credentials in them) at once
    When I start "experiment run --providers sim-steady,sim-thrifty --seed 3 --only ini-parser,retry-backoff,token-bucket --no-stop-rules --no-report --sandbox-dir boxes" in the background
    And the background run has started arm 2, I stop it with SIGTERM
    Then the folder "boxes" holds no arm sandbox

  Scenario: A run killed mid-arm resumes without duplicate windows
    When I start "experiment run --providers sim-steady,sim-thrifty --seed 3 --only ini-parser,retry-backoff,token-bucket --no-stop-rules --no-report" in the background
    And the background run has started arm 3, I kill it with SIGKILL
    And I run "experiment status"
    Then stdout contains "2/6 done, 1 cut short or running, 3 pending; interrupted: to resume, run npx experiment run --seed 3 --providers sim-steady,sim-thrifty --only ini-parser,retry-backoff,token-bucket --estimand bars --no-stop-rules --data-dir /"
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 3 --only ini-parser,retry-backoff,token-bucket --no-stop-rules --no-report"
    Then the command succeeds
    And stderr contains "retracted 1 cut-short window(s)"
    And stdout contains "6/6 arms done (4 this run, 2 before)"
    And windows.jsonl has 6 windows, one per arm of the plan
    When I run "experiment status --json"
    Then stdout contains "\"state\": \"complete\""

  Scenario: A resume whose flags change the registered plans, upstream or estimand is refused, naming the flag and both values
    When I run "experiment run --seed 5 --providers sim-steady,sim-thrifty --only token-bucket --plan sim-steady=claude-max-20x --plan sim-thrifty=chatgpt-plus --no-report"
    Then the command succeeds
    When I run "experiment run --seed 5 --providers sim-steady,sim-thrifty --only token-bucket --plan sim-steady=claude-max-20x --no-report"
    Then the command fails with "--plan: plan "
    And stderr contains "was registered with --plan sim-thrifty=chatgpt-plus; this command gives no --plan for sim-thrifty, another experiment"
    When I run "experiment run --seed 5 --providers sim-steady,sim-thrifty --only token-bucket --plan sim-steady=claude-max-20x --plan sim-thrifty=chatgpt-plus --estimand bars --no-report"
    Then the command fails with "was registered with --estimand usd; this command gives bars"
    When I run "experiment run --seed 5 --providers sim-steady,sim-thrifty --only token-bucket --plan sim-steady=claude-max-20x --plan sim-thrifty=chatgpt-plus --upstream scripted --no-report"
    Then the command fails with "was registered with --upstream (none); this command gives scripted"

  Scenario Outline: A run killed <kill point> resumes with one window per arm and the churn of every window
    When I start "experiment run --providers sim-steady,sim-thrifty --seed 3 --only ini-parser,retry-backoff --no-stop-rules --no-report" in the background
    And I kill the background run with SIGKILL <kill point>
    And I run "experiment run --providers sim-steady,sim-thrifty --seed 3 --only ini-parser,retry-backoff --no-stop-rules --no-report"
    Then the command succeeds
    And stdout has a line matching "4/4 arms done \(\d this run, <done before> before\)"
    And windows.jsonl has 4 windows, one per arm of the plan
    And every window in windows.jsonl has a row in "Churn_Ledger.csv"
    When I run "experiment status --json"
    Then stdout contains "\"state\": \"complete\""

    # The second kill point is a race (the window follows the after within milliseconds): the outcome
    # must be the same whether the kill lands before the window is written or after it.
    Examples:
      | kill point                                      | done before |
      | after arm 2's window is finalized               | 2           |
      | after arm 2's after snapshot, before its window | [12]        |

  Scenario: An agent that runs past its timeout is stopped and its window says so
    # sim-sleepy needs about 27 s (1 s a chunk), sim-steady about 1 s idle: 6 s leaves the steady arm its margin on a
    # loaded machine (at 1 s it timed out at load 10, 2 cores) and still stops the sleepy one.
    Given a file "slow.json" containing:
      """
      { "providers": { "sim-sleepy": { "driver": "scripted", "model": "scripted-sleepy", "upstream": "scripted" } } }
      """
    When I run "experiment run --seed 1 --providers sim-sleepy,sim-steady --profiles slow.json --only token-bucket --timeout-s 6 --no-stop-rules --no-report"
    Then the command succeeds
    And stdout has a line matching "sim-sleepy +timed-out +quality 0\.\d\d"
    And stdout has a line matching "sim-steady +success +quality 1\.00"

  Scenario: A spent block budget stops the agent mid-arm and leaves the later arms pending
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 42 --only lru-cache-ttl,csv-line-parser,ini-parser --overall-token-budget 8000 --budget-mode block --no-report"
    Then the command succeeds
    And stdout has a line matching "#003 p1 csv-line-parser +sim-thrifty +budget-exceeded"
    And stdout contains "Stopped early: budget overall is spent"
    And stdout contains "3 arm(s) not run: raise the budget"
    And windows.jsonl has 3 windows, one per arm of the plan
    When I run "experiment status"
    Then stdout contains "3/6 done, 0 cut short or running, 3 pending; stopped: budget overall is spent"

  Scenario: Resuming a plan with another model for a provider is refused
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 9 --only token-bucket --no-report"
    Then the command succeeds
    Given a file "other.json" containing:
      """
      { "providers": { "sim-steady": { "driver": "scripted", "model": "scripted-sleepy", "upstream": "scripted" } } }
      """
    When I run "experiment run --providers sim-steady,sim-thrifty --seed 9 --only token-bucket --no-report --profiles other.json"
    Then the command fails with "--profiles: plan plan-"
    And stderr contains "would mix two set-ups in one experiment"

  Scenario: A dry run prints the plan and writes nothing
    When I run "experiment run --seed 42 --dry-run"
    Then the command succeeds
    And stdout contains "Dry run: plan plan-"
    And stdout contains "40 arms; nothing started, nothing written."
    And stderr contains "Pre-registered analysis of plan plan-"
    And the file "data/assignments.jsonl" does not exist

  Scenario: A dry run says which provider has no plan, before anything runs
    # Only a real run said it, once its arms were about to start.
    When I run "experiment run --seed 42 --providers sim-steady,sim-thrifty --dry-run"
    Then the command succeeds
    And stderr contains "have no subscription plan, so their windows cannot be priced in dollars: the analysis is pre-registered per unit of each provider's own bars"
    And stderr contains "correct work per unit of each provider's own bars: each provider's sum of quality over its sum of bar units"

  Scenario: Dollars asked for with a provider that has no plan are kept, and the switch is said before and after
    When I run "experiment run --seed 5 --providers sim-steady,sim-thrifty --only token-bucket --estimand usd"
    Then the command succeeds
    And stderr contains "this analysis in dollars will fall back to each provider's own bars in its report (a deviation)"
    And the report says "- **Deviation:** efficiency per bar unit, not per dollar: 2 window(s) have no plan to price them by ("

  Scenario Outline: Bad flags are refused before anything starts
    When I run "<command>"
    Then the command fails with "<error>"
    And the file "data/assignments.jsonl" does not exist

    Examples:
      | command                                               | error                                      |
      | experiment run --seed 1 --providers sim-steady,nobody | --providers: no profile for provider       |
      | experiment run --seed 1 --providers sim-steady,sim-cladue | no profile for provider \"sim-cladue\" (did you mean sim-claude?) |
      | experiment run --seed 1 --only no-such-task           | --only: no task                            |
      | experiment run --seed 1 --parallel 0                  | --parallel: expected a whole number from 1 to 64 |
      | experiment run --seed 1 --timeout-s 0                 | --timeout-s: expected a whole number from 1 to 2,147,483 |
      | experiment run --seed 1 --upstream somewhere          | --upstream: expected --upstream scripted   |
      | experiment run --seed 1 --profiles missing.json       | missing.json: no such profiles file        |
      | experiment run --seed ''                              | --seed: expected a non-empty seed          |
