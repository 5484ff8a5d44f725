@tasks
Feature: Importing tasks from a repository's history
  `experiment tasks import --repo PATH` walks a repository's first-parent history. A change that adds or
  changes tests together with source becomes a task: the parent commit is the fixture, the changed tests
  are the hidden tests, the rest of the change is the solution and the commit message is the spec. A
  candidate is kept only when its hidden tests fail on the fixture and pass on the solution; every other
  one is rejected with a reason. Secrets are never copied.

  Scenario: A JavaScript history gives its verifiable changes as tasks, rejects the rest with reasons, and copies no secret
    Given a JavaScript repository "js-repo" with a known history
    When I run "experiment tasks import --repo js-repo --out bank"
    Then the command succeeds
    And stdout contains "Imported 2 tasks from "
    And stderr contains "candidate 1 of 8 "
    And stderr contains "\"Add clamp and export it from the index\": kept as add-clamp-and-export-it-from-the-index-"
    And stderr contains "\"Add slugify again\": kept as add-slugify-again-"
    And stderr contains "rejected, deletes src/slugify.js: a solution is laid over the fixture"
    And stderr contains "\"Test that the sum of an empty list is zero\": rejected, tests pass before the change"
    And stderr contains "\"Refactor sum with reduce\": rejected, no tests changed"
    And stderr contains "\"Add slugify\": rejected, near-duplicate of "
    And stderr contains "\"Start the package with sum\": rejected, root commit"
    And stdout contains "rejected); left out of the fixtures: secret in config.js:1 (Anthropic key or OAuth token) in 2 of 2 tasks"
    And stdout does not contain "    left out of the fixture: secret in config.js"
    And no file under "bank" holds the planted secret
    And the bank "bank" holds the tasks "add-clamp-and-export-it-from-the-index,add-slugify-again"
    And the task "add-clamp-and-export-it-from-the-index" in "bank" has "test.command" equal to "[\"node\",\"--test\",\"--test-reporter=tap\",\"test/clamp.test.js\"]"
    And the task "add-clamp-and-export-it-from-the-index" in "bank" has "size" equal to "{\"files_changed\":3,\"lines_changed\":13}"
    And stdout contains "Run them on the simulated providers first: npx experiment run --seed 42 --data-dir "
    And stdout contains "then on your subscriptions: npx experiment run --seed 42 --data-dir "
    When I run "experiment tasks verify --tasks bank"
    Then the command succeeds
    # Once it printed "Run them: experiment run --tasks DIR", which failed: "required option '--seed <seed>'".
    When I paste the command the import printed after "Run them on the simulated providers first: " into a shell in the project
    Then the command succeeds
    And stdout contains "8/8 arms done (8 this run, 0 before)"

  Scenario: A repository given to --tasks is pointed at experiment tasks import
    Given a JavaScript repository "js-repo" with a known history
    # Once: "folder name ".git" is not a task id".
    When I run "experiment run --seed 1 --tasks js-repo"
    Then the command fails with "js-repo: this is a git repository, not a task bank: make tasks from its history with `experiment tasks import --repo "

  Scenario: A missing pytest plugin is an environment failure with pytest's own words, and the import stops after 3
    Given a pytest repository "cov-repo" whose configuration needs a plugin that is not installed
    When I run "experiment tasks import --repo cov-repo --out bank --reruns 1"
    Then the exit code is 1
    And stderr contains "rejected, environment: pytest: unrecognized arguments --timeout=30"
    And stderr contains "experiment: error: stopped after 3 candidates ("
    And stderr contains ") failed the same way (pytest: unrecognized arguments --timeout=30 (the repository's pytest configuration needs a plugin that is not installed)): install the plugin"
    And the import log folder holds 3 logs naming "error: unrecognized arguments: --timeout=30"

  Scenario Outline: A TypeScript history in the ESM style (<runner>): `./x.js` is the repository's own x.ts, and candidates set aside after a kept task do not stop the import
    # This project's own history stopped after keeping 2 tasks: 3 candidates failed with "node module ./secret-rules.js
    # is not installed: install the repository's dependencies", and the import exited 1. The module was
    # kernel/secret-rules.ts, which the fixture had left out for a secret the scan read in it.
    Given a TypeScript repository "ts-repo" in the ESM style, tested with <runner>
    When I import "ts-repo" into "bank", set up with the project's own <runner>
    Then the command succeeds
    And stdout contains "Imported 2 tasks from "
    And stdout contains "(8 of 8 commits examined, 6 rejected)"
    And stderr contains "\"Add mul, which multiplies two numbers\": kept as add-mul-which-multiplies-two-numbers-"
    And stderr contains "\"Add sub, which subtracts the second number from the first\": kept as add-sub-"
    And stderr contains "\"Round a number to the configured precision, as text\": rejected, left-out module: the tests import src/settings.ts, which the fixture left out (secret in src/settings.ts:1 (Anthropic key or OAuth token))"
    And stderr contains "\"Add the service settings: the key and the precision\": rejected, no tests changed"
    And stderr contains "\"Start the calculator with add\": rejected, root commit (no parent to start from)"
    And stderr contains "\"Add div, which refuses to divide by zero\": rejected, the tests do not load at this commit: node module ./checks.js, imported from src/div.ts, is the repository's own, but no file of the repository provides it at this commit"
    And stderr does not contain "is not installed"
    And stderr does not contain "stopped after"
    And stdout contains "Set aside, their tests never ran (each one's output is in "
    And stdout contains "    3  a module the fixture left out"
    And the import log folder holds 4 logs naming "Cannot find module '"
    And no file under "bank" holds the TypeScript history's planted secret

    Examples:
      | runner    |
      | vitest    |
      | node-test |

  Scenario: A set-up that hits its time limit names its candidate, and three such stop the import with the fix
    Given a pytest repository "cov-repo" whose configuration needs a plugin that is not installed
    When I run "experiment tasks import --repo cov-repo --out bank --jobs 2 --setup-timeout 1 --setup-command \"python3 -c 'import time; time.sleep(60)'\""
    Then the exit code is 1
    And stderr contains "rejected, set-up failed: the set-up of "
    And stderr contains "hit its time limit of 1 s (--setup-timeout) and was stopped"
    And stderr contains "experiment: error: stopped after 3 candidates ("
    And stderr contains ") failed the same way (the set-up hit its time limit of 1 s): raise --setup-timeout"

  Scenario: A Python (unittest) history: kept tasks verify and run; a secret in a change rejects it
    Given a Python repository "py-repo" with a known history
    When I run "experiment tasks import --repo py-repo --out bank --json"
    Then the command succeeds
    And stderr contains "\"Add power\": kept as add-power-"
    And stderr contains "\"Add mul\": kept as add-mul-"
    And stderr contains "\"Cover add with negative numbers and zero\": rejected, tests pass before the change"
    And stderr contains "\"Rename arguments in add\": rejected, no tests changed"
    And stderr contains "\"Add settings with the deploy key\": rejected, secret in calc/settings.py:1 (Anthropic key or OAuth token)"
    And no file under "bank" holds the planted secret
    And the bank "bank" holds the tasks "add-mul,add-power"
    And the task "add-power" in "bank" has "test.report" equal to "\"unittest\""
    And the task "add-power" in "bank" has "language" equal to "\"python\""
    When I run "experiment tasks verify --tasks bank"
    Then the command succeeds
    When I run "experiment run --tasks bank --providers sim-steady,sim-thrifty --seed 1 --no-report --no-stop-rules"
    Then the command succeeds
    And stdout contains "4/4 arms done (4 this run, 0 before)"

  Scenario: A merge is imported as the one commit of its branch that changes tests and code; a merge of two such commits is refused as mixed
    Given a Python repository "merge-repo" whose history has two merges
    When I run "experiment tasks import --repo merge-repo --out bank --reruns 1"
    Then the command succeeds
    And stderr contains "\"Merge pull request #2 from someone/mixed\": rejected, mixed merge: it brings 2 commits and 2 of them change both tests and code (\"Add neg\", \"Faster imports\"): a spec cannot state them all"
    And stderr contains "\"Merge pull request #1 from someone/div\": kept as add-div-"
    And the bank "bank" holds the tasks "add-div"
    And the task "add-div" in "bank" has "fail_to_pass" equal to "[\"tests.test_div.DivTest.test_div\"]"

  Scenario: --max stops after that many kept tasks, and a second import adds to the same bank without touching what is there
    Given a JavaScript repository "js-repo" with a known history
    When I run "experiment tasks import --repo js-repo --out bank --max 1"
    Then the command succeeds
    And stdout contains "Imported 1 task from "
    And the bank "bank" holds the tasks "add-clamp-and-export-it-from-the-index"
    When I run "experiment tasks import --repo js-repo --out bank"
    Then the command succeeds
    And stdout contains "Imported 1 task from "
    And stderr contains "\"Add clamp and export it from the index\": rejected, already in the bank (left as it is)"
    And the bank "bank" holds the tasks "add-clamp-and-export-it-from-the-index,add-slugify-again"

  @hardening
  Scenario: A repository's own git config and attributes run nothing while it is imported
    # Commit f9e718a ran its core.fsmonitor twice and a textconv (chosen by .git/info/attributes) three times, as root.
    Given a JavaScript repository "js-repo" with a known history
    And the repository "js-repo" carries a .git/config that runs commands
    When I run "experiment tasks import --repo js-repo --out bank"
    Then the command succeeds
    And stdout contains "Imported 2 tasks from "
    And no command of the repository git config ran

  Scenario Outline: Bad input is refused with one line naming the flag and the value, and nothing is written
    Given a JavaScript repository "js-repo" with a known history
    And the file "full/notes.txt" holds "mine"
    When I run "experiment tasks import <args>"
    Then the command fails with "<message>"
    And the file "bank" does not exist

    Examples:
      | args                                        | message                                                 |
      | --repo nowhere --out bank                   | --repo: not a git repository                            |
      | --repo js-repo --out full                   | is not empty and was not made by                        |
      | --repo js-repo --out bank --since yesterday | --since: expected a date such as 2026-01-31             |
      | --repo js-repo --out bank --max 0           | --max: expected a whole number >= 1                     |
      | --repo js-repo --out bank --test-command=   | --test-command: expected a command such as              |
