@providers
Feature: Alerts when a subscription's bar crosses a threshold
  `tracker watch --alert-at 80,95 --on-alert CMD` projects every bar the ledger has after each round (quota
  endpoints, proxy headers, statusLine, rollouts) and runs the user's command once per bar, threshold and reset
  period, with the bar in TRACKER_ALERT_* variables. A restarted watch remembers what it alerted; a command that
  fails or hangs is a note, never the end of the watch.

  Background:
    Given the ledger holds claude quota readings of the 5h bar resetting in 2 hours:
      | minutes ago | used_pct |
      | 60          | 55       |
      | 30          | 68       |
    And the claude quota endpoint answers a 5h bar at 83% resetting in 2 hours

  Scenario: a crossing runs the command once, with the bar in its environment, and not again after a restart
    When I run "watch --provider claude --every 1s --count 2 --alert-at 80,95 --on-alert 'echo $TRACKER_ALERT_PROVIDER $TRACKER_ALERT_BAR $TRACKER_ALERT_THRESHOLD $TRACKER_ALERT_PCT limit=$TRACKER_ALERT_LIMIT_AT resets=$TRACKER_ALERT_RESETS_AT >> alerts.txt'" with credentials for the quota endpoints
    Then the command succeeds
    And the file "alerts.txt" has 1 line matching "^claude five_hour 80 83 limit=20\d\d-\d\d-\d\dT\S+Z resets=20\d\d-\d\d-\d\dT\S+Z$"
    And stderr contains "alert: claude 5h bar at 83% crossed 80%"
    When I run "watch --provider claude --every 1s --count 1 --alert-at 80,95 --on-alert 'echo again >> alerts.txt'" with credentials for the quota endpoints
    Then the command succeeds
    And the file "alerts.txt" has 1 line matching "^claude five_hour 80 "

  Scenario: without --on-alert the alert is printed
    When I run "watch --provider claude --every 1s --count 1 --alert-at 80" with credentials for the quota endpoints
    Then the command succeeds
    And stdout has a line matching "alert: claude 5h bar at 83% crossed 80% \(.*\), limit in \d+ min, resets at"
    # Headroom in tasks (docs/plans.md) under the alert: here the ledger holds readings but no recorded use to count tasks in.
    And stdout has a line matching "^  claude: headroom n/a \(no use recorded in the last 4 weeks to count tasks in\)$"

  Scenario: a command that fails or outlives --alert-timeout is a note, and the watch goes on
    When I run "watch --provider claude --every 1s --count 2 --alert-at 60,80 --on-alert 'sleep 5' --alert-timeout 1s" with credentials for the quota endpoints
    Then the command succeeds
    And stderr contains "--on-alert command stopped after 1s (--alert-timeout); the watch goes on"
    And stderr contains "watch ended: 1 reading recorded"

  Scenario: the proxy's failover moving work on, and back, is alerted once each, what moved in the command's environment
    Given the proxy's failover state says work moved from "anthropic" to "glm" a minute ago, anthropic's 5h window spent for 2 more hours
    When I run "watch --provider claude --every 1s --count 2 --alert-at 99 --on-alert 'echo $TRACKER_ALERT_KIND $TRACKER_ALERT_FROM $TRACKER_ALERT_TO $TRACKER_ALERT_BAR $TRACKER_ALERT_PCT >> moves.txt'" with credentials for the quota endpoints
    Then the command succeeds
    And the file "moves.txt" has 1 line matching "^failover-move anthropic glm five_hour 100$"
    And stderr contains "failover: work moved from anthropic to glm (anthropic's five_hour window spent, 100%; back at its reset "
    Given the proxy's failover state says work came back on "anthropic" from "glm" just now
    When I run "watch --provider claude --every 1s --count 1 --alert-at 99 --on-alert 'echo $TRACKER_ALERT_KIND $TRACKER_ALERT_FROM $TRACKER_ALERT_TO >> back.txt'" with credentials for the quota endpoints
    Then the file "back.txt" has 1 line matching "^failover-return glm anthropic$"
    When I run "watch --provider claude --count 1 --alert-at 99" with credentials for the quota endpoints
    Then stdout does not contain "failover:"

  Scenario: on a status line's readings alone, with no quota credential, the watch alerts and ends well
    Given the ledger holds claude status-line readings of the 5h bar resetting in 2 hours:
      | minutes ago | used_pct |
      | 20          | 75       |
      | 10          | 86       |
    When I run "watch --every 1s --count 1 --alert-at 85" with no quota credential
    Then the command succeeds
    And stdout has a line matching "alert: claude 5h bar at 86% crossed 85%"
    And stderr contains "no quota endpoint has credentials: alerting on the readings the ledger has (status line, proxy, quota)"

  Scenario Outline: a bad alert flag is refused in one line naming it
    When I run "watch --provider claude --count 1 <flags>" with credentials for the quota endpoints
    Then the command fails with "<message>"

    Examples:
      | flags                       | message                                                                    |
      | --alert-at 80,abc           | --alert-at: expected percentages above 0 and at most 100 separated by commas |
      | --alert-at 120              | --alert-at: expected percentages above 0 and at most 100                   |
      | --on-alert ''               | --on-alert: expected a shell command, got an empty one                     |
      | --alert-at 80 --alert-timeout 0s | --alert-timeout: expected a duration from 1s to 24h                   |
