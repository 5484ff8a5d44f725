@hardening
Feature: Nothing a web page or a run's agent sends stops or reads the viewer
  `experiment view` answers every request it cannot parse with a 4xx and goes on: on 36062f1 a
  target such as `//` threw inside the auth check and ended the process, and any web page could send one with an
  image; in token mode a cookie with a broken %-escape did the same. And it answers nobody without the token it made
  at start, not even on loopback (item 3): an arm's agent shares the runner's loopback to reach its proxy, and on
  36062f1 it read another arm's diff and hidden tests through the viewer. docs/viewer.md, docs/isolation.md

  @browser
  Scenario: A page on another origin that points images at the viewer leaves it answering
    Given chromium works on this machine
    And "experiment view" is running on the data dir
    When a page on another origin with images pointing at the viewer paths "// //x:99999/ //[::1 /api/arm/%E0%A4%A" is opened in Chromium
    Then the viewer still answers "/api/runs" with 200

  Scenario: Malformed targets, headers and cookies on raw sockets each get an answer, and the viewer goes on
    Given "experiment view" is running on the data dir
    When every malformed request of the corpus is sent to it on a raw socket, with and without its token
    Then the viewer still answers "/api/runs" with 200

  @isolation
  Scenario Outline: An agent in an arm's sandbox can neither read other arms through the viewer nor stop it (<how>)
    Given bubblewrap works on this machine
    And I run "experiment run --seed 42 --only duration-parser --no-report"
    And the command succeeds
    And "<viewer>" is running on the data dir
    When an agent in an arm's sandbox, built as the runner builds it, probes the viewer for another arm and sends it "//"
    Then the agent was refused with 401 and found no token in the processes, environments or data dir it can see
    And the viewer still answers "/api/runs" with 200

    Examples:
      | how                                   | viewer                                           |
      | a token made at start                 | experiment view                                  |
      | a token on the viewer's command line  | experiment view --token given-on-the-command-line |
