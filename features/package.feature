Feature: The package's executables
  After `npm ci` (and after any rebuild) the bins run through npx from the project, as the README says.

  Scenario Outline: <command> prints its help through npx
    When I run "<command>" through npx in the project
    Then the command succeeds
    And stdout contains "<usage>"

    Examples:
      | command                 | usage                         |
      | tracker --help          | Usage: tracker [options]      |
      | tracker preview --help  | Usage: tracker preview        |
      | tracker snapshot --help | Usage: tracker snapshot       |
      | experiment --help       | Usage: experiment [options]   |
