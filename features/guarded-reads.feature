@hardening
Feature: The small files the tool reads are read with a guard
  State under the data dir, a plans file, the data dir's providers.json and a login are opened without blocking,
  read only when they are regular files of bounded size, and never quoted in an error; the status line answers
  whatever is on its stdin and on disk, and prints no control or bidirectional character.

  Background:
    Given a file "status.json" containing:
      """
      {"model": {"display_name": "Opus 4.1"}, "rate_limits": {"five_hour": {"used_percentage": 23.5, "resets_at": 4102444800}, "seven_day": {"used_percentage": 41.2, "resets_at": 4102444800}}}
      """

  Scenario Outline: a <what> as the data dir's providers.json is refused in one line, not waited on
    Given "data/providers.json" is <made>
    When I run "plans", killed if it hangs
    Then the command fails with "providers.json: is not a regular file (a providers file is one; this is <kind>)"

    Examples:
      | what   | made                      | kind     |
      | FIFO   | a FIFO                    | a FIFO   |
      | device | a link to "/dev/zero"     | a device |

  Scenario Outline: a <what> as --plans is refused in one line, not waited on
    Given <made>
    When I run "plans --plans data/plans.json", killed if it hangs
    Then the command fails with "plans.json: is not a regular file (a plans file is one; this is <kind>)"

    Examples:
      | what   | made                                   | kind     |
      | FIFO   | "data/plans.json" is a FIFO                 | a FIFO   |
      | device | "data/plans.json" is a link to "/dev/zero"  | a device |

  Scenario: a link from providers.json to another file never shows what that file holds
    Given a file "shadow" containing:
      """
      root:$6$secret:19000:0:99999:7:::
      """
    And "data/providers.json" is a link to "shadow"
    When I run "plans", killed if it hangs
    Then the command fails with "providers.json: not JSON"
    And stderr does not contain "root"

  Scenario Outline: a <what> as the kept headroom leaves the status line its line
    Given "data/state/main/headroom.json" is <made>
    When the statusline receives "status.json", killed if it hangs
    Then every run exited 0 and printed one line starting with "Opus 4.1 | 5h 23.5% (resets in "
    And every run printed a line ending with "| week 41.2%"

    Examples:
      | what   | made                      |
      | FIFO   | a FIFO                    |
      | device | a link to "/dev/zero"     |

  Scenario: a forged headroom with a negative rate is not shown (it read "~-7.3 sessions")
    Given tracker plans kept a headroom basis for claude: -1000 tokens per 1% of the 5-hour bar, -5000 of the weekly one, its last tasks of 10000 and 12000 tokens
    When the statusline receives "status.json" 1 time
    Then every run exited 0 and printed one line starting with "Opus 4.1 | 5h 23.5% (resets in "
    And every run printed a line ending with "| week 41.2%"

  Scenario: a stdin left open still gets the line
    When the statusline receives "status.json" with its stdin left open
    Then every run exited 0 and printed one line starting with "Opus 4.1 | 5h 23.5% (resets in "

  Scenario: a model name that reverses the line is shown, not obeyed
    Given a file "reversed.json" containing:
      """
      {"model": {"display_name": "Opus \u202e1.4 \u2066x"}, "rate_limits": {"five_hour": {"used_percentage": 5, "resets_at": 4102444800}}}
      """
    When the statusline receives "reversed.json" 1 time
    Then every run exited 0 and printed one line starting with "Opus \u202e1.4 \u2066x | 5h 5%"
    And no run printed a control or bidirectional character

  Scenario Outline: a <what> as the proxy's failover state leaves the status line its line
    Given "data/proxy_failover.json" is <made>
    When the statusline receives "status.json", killed if it hangs
    Then every run exited 0 and printed one line starting with "Opus 4.1 | 5h 23.5% (resets in "
    And every run printed a line ending with "| week 41.2%"

    Examples:
      | what   | made                      |
      | FIFO   | a FIFO                    |
      | device | a link to "/dev/zero"     |

  Scenario: a FIFO as the proxy's refusals file: tracker status names it and counts the others
    Given "data/state/refused-proxy.json" is a FIFO
    When I run "status", killed if it hangs
    Then the command succeeds
    And stdout contains "Refused: nothing"
    And stderr contains "refused-proxy.json: is not a regular file (a refusals file is one; this is a FIFO); its refusals are not counted below"

  Scenario Outline: a <what> as the kept base-path secret refuses the start of tracker <server> in one line
    Given "data/state/base-path.secret" is <made>
    When I run "<server> --port 0", killed if it hangs
    Then the command fails with "base-path.secret: is not a regular file (a kept base-path secret is one; this is <kind>); start with --rotate-secret to make a new one"

    Examples:
      | server | what   | made                  | kind     |
      | proxy  | FIFO   | a FIFO                | a FIFO   |
      | otel   | FIFO   | a FIFO                | a FIFO   |

  Scenario: a link as the kept base-path secret is refused, never followed (a link to /dev/zero read 2.1 GB before)
    Given "data/state/base-path.secret" is a link to "/dev/zero"
    When I run "proxy --port 0", killed if it hangs
    Then the command fails with "base-path.secret: is a symlink; a kept base-path secret is a file of its own, and the link is not followed; start with --rotate-secret to make a new one"
