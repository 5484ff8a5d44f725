Feature: One data dir, one figure on every surface
  A bar's price rests on one calibration: `tracker calibrate`, `tracker plans` (and the basis it keeps for the status
  line) and the viewer's Limit changes page read every reading of the bar up to the span's end, through one function
  (calibrateAccounts). The viewer used to calibrate on the 8 days its Bars page shows, and `tracker plans` on its
  4-week span: on a month of use they gave three figures for one bar.

  Scenario: a month of Claude use, read by the proxy and by two terminals' status lines, gives one figure per bar everywhere
    Given a month of Claude use through the proxy: a 5-hour bar of 100000 tokens and a weekly one of 500000; 5 requests of 10000 tokens a day from 09:00, one an hour, and on day 9 7 more
    And two Claude Code terminals' status lines read the same bars after every request in whole percents, the second 1 s later with the value before it
    And "experiment view --host 127.0.0.1" is running on the data dir
    When I read each bar's tokens per 1% from calibrate, "plans --plan claude=claude-pro --until 2026-11-01 --weeks 1", the status line's basis it keeps and the viewer
    Then all four give one figure for "claude"'s "five_hour" bar, its interval holding 1000 tokens per 1%
    And all four give one figure for "claude"'s "weekly" bar, its interval holding 5000 tokens per 1%

  Scenario: a 5-hour bar that only moved while nothing was recorded is sized through the weekly bar, alike everywhere
    Given a week of Claude use through the proxy whose headers read only the weekly bar of 500000 tokens: 5 requests of 10000 tokens a day from 09:00 on days 0 to 5, a status line polled hourly at night
    And on day 6 Claude Code, not behind the proxy, asks 3 requests of 10000 tokens an hour apart from 15:00 on a 5-hour bar of 100000 tokens, its status line reading both bars after each
    And "experiment view --host 127.0.0.1" is running on the data dir
    When I read each bar's tokens per 1% from calibrate, "plans --plan claude=claude-pro --until 2026-10-12 --weeks 1", the status line's basis it keeps and the viewer
    Then all four give one figure for "claude"'s "five_hour" bar, its interval holding 1000 tokens per 1%
    And all four give one figure for "claude"'s "weekly" bar, its interval holding 5000 tokens per 1%
