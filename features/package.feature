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

  Scenario: npx runs the checkout's own bins, and the build after npm ci is not done twice
    # Without the links in node_modules/.bin, npx installs the checkout into its cache, whose `prepare` compiles
    # everything again behind a silent spinner; with a stored source hash, an unchanged tree is not compiled again.
    Then the checkout's node_modules/.bin links "tracker" and "experiment" to dist/cli
    And dist/ records the hash of the sources it was built from
    When I run "experiment --version" through plain npx in the project
    Then the command succeeds
    And stderr does not contain "compiling"
