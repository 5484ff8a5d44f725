@providers
Feature: Notifications where the subscriber looks: the desktop, a webhook (Slack, Discord, ntfy, JSON), a command
  `tracker watch` reads the data dir's notify.json (docs/notifications.md) and sends one message per bar, threshold
  and reset period, with the headroom in tasks, to every sink it names. A repeat in the period, a restarted watch or
  a second crossing of the same threshold stays quiet; a webhook that hangs is said once and never holds up the watch;
  its URL, a secret, is never printed.

  Background:
    Given the ledger holds claude quota readings of the 5h bar resetting in 2 hours:
      | minutes ago | used_pct |
      | 60          | 55       |
      | 30          | 68       |
    And the claude quota endpoint answers a 5h bar at 83% resetting in 2 hours

  Scenario: a crossing of 80% sends one message with the headroom, and a restarted watch stays quiet
    Given a webhook on 127.0.0.1 that records what it gets
    And the data dir holds notify.json:
      """
      {"thresholds": [80, 95], "pace": false, "sinks": [{"type": "webhook", "url": "WEBHOOK_URL", "format": "json"}]}
      """
    When I run "watch --provider claude --every 1s --count 2" with credentials for the quota endpoints
    Then the command succeeds
    And the webhook got 1 message
    And the webhook's message 1 has "title" matching "^claude 5h bar at 83%: crossed 80%$"
    And the webhook's message 1 has "headroom" matching "^claude: headroom "
    And stdout has a line matching "alert: claude 5h bar at 83% crossed 80%"
    When I run "watch --provider claude --every 1s --count 1" with credentials for the quota endpoints
    Then the command succeeds
    And the webhook got 1 message
    And no output holds a piece of the webhook's path

  Scenario: Slack gets the {"text"} its incoming webhooks take
    Given a webhook on 127.0.0.1 that records what it gets
    And the data dir holds notify.json:
      """
      {"pace": false, "sinks": [{"type": "webhook", "url": "WEBHOOK_URL", "format": "slack"}]}
      """
    When I run "watch --provider claude --count 1" with credentials for the quota endpoints
    Then the webhook got 1 message
    And the webhook's message 1 has "text" matching "^\*claude 5h bar at 83%: crossed 80%\*\nalert: claude 5h bar at 83% crossed 80%"

  Scenario: a webhook that never answers is said once, the watch goes on and ends, its URL never printed
    Given a webhook on 127.0.0.1 that never answers
    And the data dir holds notify.json:
      """
      {"thresholds": [60, 80], "pace": false, "timeout_s": 1, "sinks": [{"type": "webhook", "url": "WEBHOOK_URL", "format": "ntfy"}]}
      """
    When I run "watch --provider claude --every 1s --count 2" with credentials for the quota endpoints
    Then the command succeeds
    And the webhook got 2 requests or more
    And stderr contains "failed (no answer within 1s, also on the retry); the watch goes on"
    And stderr contains "watch ended: 1 reading recorded"
    And no output holds a piece of the webhook's path

  Scenario: a bad notify.json is refused in one line naming the file and the field
    Given the data dir holds notify.json:
      """
      {"sinks": [{"type": "webhook", "url_env": "NO_SUCH_HOOK_VAR", "format": "slack"}]}
      """
    When I run "watch --provider claude --count 1" with credentials for the quota endpoints
    Then the command fails with "notify.json: sinks.0.url_env: NO_SUCH_HOOK_VAR is not set"
