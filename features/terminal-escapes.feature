@hardening
Feature: Text from the ledger reaches a terminal and report.md only as text
  On 36062f1 a run-stop reason and the analysis plan's text carrying `ESC]0;...BEL`, `ESC[2J`,
  `\r\nERROR forged line` and U+202E set the terminal's title and forged a line of `experiment report`, and
  report.md kept raw HTML from the ledger. Whoever can write the data dir (a shared team folder) writes those rows.
  Every line a command prints now goes through the kernel's escapeControls (C0 and C1 controls, DEL, line
  separators, bidi overrides and isolates), a row's string before its renderer joins it into lines, so its line
  break stays inside its line; report.md shows a `<` or `&` from the ledger that would open HTML as an entity
  (`a>b` stays as it is). JSON output is exempt: JSON.stringify escapes control characters itself.
  docs/data-format.md (What a reader may see)

  Scenario Outline: `<command>` prints the planted rows escaped
    Given a finished simulated run whose ledger rows carry terminal escapes and HTML in their text
    When I run "<command>"
    Then its output holds no raw control character and no forged line
    And it shows the planted text as visible escapes: "<shows>"

    Examples:
      | command                                                     | shows                                      |
      | experiment report --no-charts                               | the stop's reason and the plan's text       |
      | experiment status                                           | the reason its run record gives             |
      | tracker preview                                             | a window's errors                           |
      | tracker anomalies                                           | the anomaly's message                       |
      | experiment plan --seed 42 --providers sim-steady,sim-thrifty | (no ledger text)                            |
      | tracker usage                                               | the model of a proxy row                    |

  Scenario: report.md keeps no raw HTML from the ledger
    Given a finished simulated run whose ledger rows carry terminal escapes and HTML in their text
    When I run "experiment report --no-charts"
    Then report.md shows the ledger's HTML as text, not markup
