@invariant
Feature: Invariant 9 — bad input is refused whole, not half-written
  Unparseable or invalid input exits non-zero with one clear line saying what was wrong and where; no
  partial row is appended; the raw input is kept under rejects/ with the reason.

  Background:
    Given a file "reading.json" containing:
      """
      {"five_hour": {"used_pct": 20}}
      """
    And agent "main" has recorded a before for "claude" from "reading.json" at "2026-11-20T10:00:00Z"
    And I note the bytes of every ledger file

  Scenario Outline: <what> is refused for a <phase>
    Given a file "bad.txt" containing:
      """
      <content>
      """
    When agent "main" runs "snapshot <phase> --provider claude --input bad.txt --at 2026-11-20T11:00:00Z"
    Then the command fails with "<message>"
    And every ledger file is byte-identical to before
    And the kept input is identical to "bad.txt"
    And a reject is kept with a reason containing "<message>"

    Examples:
      | what                    | phase  | content                                                  | message                                     |
      | garbage                 | after  | hello, this is not a screen                              | bad.txt:1: input is not a Codex /status     |
      | whitespace              | after  |                                                          | bad.txt: input is empty                     |
      | half-valid Codex screen | after  | │  5h limit: [████████] 140% used (resets 14:32) │      | bad.txt:1:                                  |
      | JSON with a bad field   | after  | {"five_hour": {"used_pct": "lots"}}                      | five_hour.used_pct                          |
      | broken JSON             | after  | {"five_hour": {"used_pct": 20}                           | bad.txt:1:                                  |
      | garbage                 | before | Current session\nnothing useful here                     | bad.txt                                     |

  Scenario: binary input is refused
    Given a file "noise.bin" of 4096 bytes of binary noise
    When agent "main" runs "snapshot after --provider claude --input noise.bin"
    Then the command fails with "noise.bin: input looks binary"
    And every ledger file is byte-identical to before
    And the kept input is identical to "noise.bin"

  Scenario: piped input is refused the same way
    When I run "snapshot after --provider claude" with input:
      """
      definitely not a usage screen
      """
    Then the command fails with "stdin:1: input is not a Codex /status, Claude /usage or JSON reading"
    And every ledger file is byte-identical to before

  Scenario Outline: bad flags are refused with one line naming the flag
    When agent "main" runs "<command>"
    Then the command fails with "<message>"
    And every ledger file is byte-identical to before

    Examples:
      | command                                                             | message                                   |
      | snapshot after --provider claude --input reading.json --at yesterday | --at: expected an ISO-8601 time           |
      | snapshot after --provider 'Claude Max' --input reading.json          | --provider: expected a lower-case id      |
      | snapshot after --provider claude --input missing.txt                 | missing.txt: cannot read the input file   |
      | complete --provider claude --quality 1.5 --outcome success           | --quality: expected a number from 0 to 1  |
      | complete --provider claude --quality 1 --outcome great               | option '--outcome <outcome>' argument 'great' is invalid |
      | snapshot sideways --provider claude                                  | value 'sideways' is invalid               |
      | snapshot after --provider claude --input reading.json --at 2026-02-30T10:00:00Z | --at: 2026-02-30 is not a calendar date |
      | complete --provider claude --quality 0x1 --outcome success           | --quality: expected a number from 0 to 1  |
      | complete --provider claude --quality 1 --outcome success --feature '' | --feature: expected a non-empty task or feature id |

  Scenario: a reading from the future is refused
    When agent "main" runs "snapshot after --provider claude --input reading.json --at 2099-01-01T00:00:00Z"
    Then the command fails with "--at: 2099-01-01T00:00:00Z is in the future"
    And every ledger file is byte-identical to before

  Scenario: a data directory that is a file is an I/O error, not a crash
    When agent "main" runs "snapshot before --provider codex --input reading.json --data-dir reading.json"
    Then the command fails with "a file is in the way of a directory (EEXIST)"
    And the exit code is 7

  Scenario: text in another encoding is kept byte for byte
    Given a file "latin1.txt" in Latin-1 containing "café ÿþ not a screen"
    When agent "main" runs "snapshot after --provider claude --input latin1.txt"
    Then the command fails with "latin1.txt"
    And the kept input is identical to "latin1.txt"
    And every ledger file is byte-identical to before
