@providers
Feature: Capacity read from each provider's own quota endpoint
  `tracker quota` reads Claude's /api/oauth/usage, ChatGPT's /backend-api/wham/usage (Codex) and Z.ai's
  /api/monitor/usage/quota/limit (GLM Coding Plan): read-only GETs that spend no capacity. Each answer is
  checked strictly; one of an unknown shape is refused whole and kept under rejects/. Credentials are
  sent as each endpoint wants them and never reach a file.

  Background:
    Given the claude quota endpoint answers:
      """
      {"five_hour": {"utilization": 41.0, "resets_at": "2026-11-22T17:00:00.250000+00:00"}, "seven_day": {"utilization": 7.0, "resets_at": "2026-11-27T08:00:00.000000+00:00"}, "seven_day_opus": null, "seven_day_sonnet": null, "extra_usage": {"is_enabled": false}}
      """
    And the codex quota endpoint answers:
      """
      {"plan_type": "plus", "rate_limit": {"allowed": true, "limit_reached": false, "primary_window": {"used_percent": 63, "limit_window_seconds": 18000, "reset_after_seconds": 600, "reset_at": 1795364000}, "secondary_window": {"used_percent": 12, "limit_window_seconds": 604800, "reset_after_seconds": 90000, "reset_at": 1795453400}}}
      """
    And the glm quota endpoint answers:
      """
      {"code": 200, "msg": "Operation successful", "success": true, "data": {"level": "lite", "limits": [{"type": "TIME_LIMIT", "unit": 5, "number": 1, "usage": 100, "currentValue": 3, "remaining": 97, "percentage": 3, "nextResetTime": 1797937357438}, {"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "usage": 3000000, "currentValue": 123457, "remaining": 2876543, "percentage": 4, "nextResetTime": 1795363357438}, {"type": "TOKENS_LIMIT", "unit": 6, "number": 1, "usage": 15000000, "currentValue": 987654, "remaining": 14012346, "percentage": 7, "nextResetTime": 1795950157438}]}}
      """

  Scenario: every endpoint's windows, recorded as readings, with no credential at rest
    When I run "quota --json --record" with credentials for the quota endpoints
    Then the command succeeds
    And the claude reading has "bars.five_hour.used_pct" = "41"
    And the claude reading has "bars.five_hour.resets_at" = "\"2026-11-22T17:00:00.250Z\""
    And the claude reading has "bars.weekly.used_pct" = "7"
    And the codex reading has "bars.five_hour.used_pct" = "63"
    And the codex reading has "bars.five_hour.resets_at" = "\"2026-11-22T16:13:20.000Z\""
    And the codex reading has "bars.weekly.used_pct" = "12"
    And the codex reading has "plan" = "\"plus\""
    And the glm reading has "bars.five_hour.used_pct" = "4.115233"
    And the glm reading has "bars.five_hour.used" = "123457"
    And the glm reading has "bars.weekly.used_pct" = "6.58436"
    And the glm reading has "bars.five_hour.resets_at" = "\"2026-11-22T16:02:37.438Z\""
    And "snapshots.jsonl" has 3 "reading" rows
    And row 1 of "snapshots.jsonl" has "source" = "\"quota\""
    And the claude quota endpoint was asked with its own credential
    And the codex quota endpoint was asked with its own credential
    And the glm quota endpoint was asked with its own credential
    And no file in the data dir holds a quota credential

  Scenario: an expired Google login is skipped when every provider is read, never the others' failure
    # Gemini CLI's access token lasts an hour: most of the time the file holds an expired one.
    When I run "quota --json --record" with credentials for the quota endpoints and an expired Gemini CLI Google login
    Then the command succeeds
    And "snapshots.jsonl" has 3 "reading" rows
    When I run "quota --provider gemini" with credentials for the quota endpoints and an expired Gemini CLI Google login
    Then the command fails with "holds a Google login that expired at"

  Scenario: an answer of an unknown shape is refused whole and kept, and nothing is recorded
    Given the glm quota endpoint answers:
      """
      {"code": 200, "success": true, "data": {"level": "pro", "limits": [{"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "pct": 4}]}}
      """
    When I run "quota --provider glm --record" with credentials for the quota endpoints
    Then the command fails with "unexpected shape at data.limits[0].percentage"
    And "snapshots.jsonl" has 0 rows
    And a reject is kept with a reason containing "unexpected shape"
    And no file in the data dir holds a quota credential

  Scenario: one failing endpoint records nothing for the others either
    Given the claude quota endpoint answers:
      """
      <html>Please log in</html>
      """
    When I run "quota --record" with credentials for the quota endpoints
    Then the command fails with "not JSON"
    And "snapshots.jsonl" has 0 rows

  Scenario: a claude setup-token token is named as the cause of the refusal, with what to do instead
    # `claude setup-token` grants user:inference only; the usage endpoint needs user:profile (anthropics/claude-code#12529).
    # Before: "HTTP 403 (the credential from CLAUDE_CODE_OAUTH_TOKEN was refused: log in again)", which cannot help.
    Given a scripted model server "anthropic" playing "hello"
    When I run "quota --provider claude" with a claude setup-token token against the scripted model server "anthropic"
    Then the command fails with "HTTP 403 (the token from CLAUDE_CODE_OAUTH_TOKEN lacks the user:profile scope this endpoint needs"
    And stderr contains "tracker quota and watch read your interactive login (~/.claude/.credentials.json) when CLAUDE_CODE_OAUTH_TOKEN is unset"
    And stderr contains "OAuth token does not meet scope requirement user:profile"
    And stderr does not contain "sk-ant-oat01-SPEC"

  Scenario: a Google AI plan's daily bar, read from Code Assist as Gemini CLI signed in with Google reads it
    # Gemini CLI keeps its Google login in ~/.gemini/oauth_creds.json and finds its Code Assist server in
    # CODE_ASSIST_ENDPOINT; the project comes from loadCodeAssist when GOOGLE_CLOUD_PROJECT names none.
    Given a scripted model server "google" playing "hello"
    When I run "quota --provider gemini --json --record" with a Gemini CLI Google login against the scripted model server "google"
    Then the command succeeds
    And the gemini reading has "bars.daily.used_pct" = "0"
    And the gemini reading has "bars.daily.window_minutes" = "1440"
    And "snapshots.jsonl" has 1 "reading" rows
    And no file in the data dir holds a quota credential
    # Code Assist keeps a bucket per model: --model reads that model's, else the one nearest its limit (Pro's, first).
    When I run "quota --provider gemini --json --model gemini-2.5-flash" with a Gemini CLI Google login against the scripted model server "google"
    Then the gemini reading has "parse_errors.0" = "\"daily-from-gemini-2.5-flash\""
    When I run "quota --provider gemini" with an expired Gemini CLI Google login against the scripted model server "google"
    Then the command fails with "oauth_creds.json: holds a Google login that expired at"
    And stderr contains "run `gemini` once to refresh it"

  Scenario: a window end taken from the quota endpoint
    When I run "snapshot before --provider glm --from-quota" with credentials for the quota endpoints
    Then the command succeeds
    And row 1 of "snapshots.jsonl" has "format" = "\"quota-glm\""
    And row 1 of "snapshots.jsonl" has "bars.five_hour.used" = "123457"

  Scenario: watch records a reading only when it changed
    When I run "watch --provider glm --every 1s --count 2" with credentials for the quota endpoints
    Then the command succeeds
    And "snapshots.jsonl" has 1 "reading" row
    And row 1 of "snapshots.jsonl" has "source" = "\"quota\""
    And stderr contains "watch ended: 1 reading recorded"

  @hardening
  Scenario: a GLM plan whose limits are CREDIT_LIMIT is read, the exact counts where they are sent
    Given the glm quota endpoint answers:
      """
      {"code": 200, "success": true, "data": {"level": "max", "limits": [{"type": "CREDIT_LIMIT", "unit": 3, "number": 5, "usage": null, "currentValue": null, "remaining": null, "percentage": 12, "nextResetTime": 1795363357438}, {"type": "CREDIT_LIMIT", "unit": 6, "number": 1, "usage": 5000, "currentValue": 1500, "remaining": 3500, "percentage": 30, "nextResetTime": 1795950157438}]}}
      """
    When I run "quota --provider glm --record" with credentials for the quota endpoints
    Then the command succeeds
    And row 1 of "snapshots.jsonl" has "bars.five_hour.used_pct" = "12"
    And row 1 of "snapshots.jsonl" has "bars.weekly.used" = "1500"

  @hardening
  Scenario: an answer from which no bar can be read is refused and kept, never recorded as empty
    Given the glm quota endpoint answers:
      """
      {"code": 200, "success": true, "data": {"level": "lite", "limits": [{"type": "TIME_LIMIT", "unit": 5, "number": 1, "usage": 100, "currentValue": 3, "remaining": 97, "percentage": 3}]}}
      """
    When I run "quota --provider glm --record" with credentials for the quota endpoints
    Then the command fails with "holds no bar that could be read: no limit has a 5-hour or weekly window"
    And "snapshots.jsonl" has 0 rows
    And a reject is kept with a reason containing "holds no bar"

  @hardening
  Scenario: watch goes on after an answer that breaks off, and records the next one
    Given the glm quota endpoint breaks off its first answer, then answers:
      """
      {"code": 200, "success": true, "data": {"level": "lite", "limits": [{"type": "TOKENS_LIMIT", "unit": 3, "number": 5, "usage": 3000000, "currentValue": 123457, "remaining": 2876543, "percentage": 4, "nextResetTime": 1795363357438}]}}
      """
    When I run "watch --provider glm --every 1s --count 2" with credentials for the quota endpoints
    Then the command succeeds
    And stderr contains "glm: glm quota"
    And stderr contains "the answer broke off"
    And stderr contains "watch ended: 1 reading recorded"

  @hardening
  Scenario: an error page that quotes a token across the message's cut and sends escape codes leaks neither
    Given the claude quota endpoint fails with a token and terminal escapes in its body
    When I run "quota --provider claude" with credentials for the quota endpoints
    Then the command fails with "HTTP 500"
    And stderr holds no piece of the leaked token and no raw escape code
