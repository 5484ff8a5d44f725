@browser
Feature: experiment view in a real browser
  `experiment view` is read in Chromium (Debian's, driven by playwright-core): a user follows a run without
  reloading, opens an arm to see why it went as it did, reads the report's charts, and can do it all from the
  keyboard with readable text. Each scenario leaves a screenshot in test-artifacts/viewer/.

  Background:
    Given chromium works on this machine

  Scenario: The runs page follows a run as it goes, without a reload
    When I start "experiment run --seed 42" in the background
    And I open the viewer on the data dir at "#/runs"
    Then the page shows a plan's progress
    And the progress changes without the page reloading
    And I keep a screenshot "runs"

  Scenario: An arm shows its tests, its diff and its transcript
    Given I run "experiment run --seed 42 --only duration-parser"
    And every arm has evidence: a transcript, a diff and test results (written here when the run wrote none)
    When I open the viewer on the data dir at "#/arms"
    And I sort the arms by "tokens" and open the first row with the keyboard
    Then the arm page lists the hidden tests, each with its verdict
    And the arm page shows the diff with its added lines
    And the arm page shows the turns with their responses and tokens
    And I keep a screenshot "arm"

  Scenario: The report's charts are drawn, show values on hover and open an arm on click
    Given I run "experiment run --seed 42 --only duration-parser"
    When I open the viewer on the data dir at "#/report"
    Then the report shows its verdict and the chart "capacity" as SVG
    And hovering a bar of the chart "capacity" shows a tooltip
    And I keep a screenshot "report"
    When I click a bar of the chart "capacity"
    Then the arm page of that bar's window opens

  Scenario: The report appears though the page was told "computing" before its event stream opened
    # Before, a page fetched at once: it was answered "computing", the server said the report was ready before the
    # page's event stream had opened, and the page waited for the next ledger change (CI at 9ce85a1; on a finished run,
    # stuck whenever the stream opened 400 ms or more late). Pages now fetch once the stream is open, or after 3 s
    # without it, and the stream's first event then fetches again.
    Given I run "experiment run --seed 42 --only duration-parser"
    When I open the viewer on the data dir at "#/report", its event stream opening 3500 ms late and the report computing until then
    Then the report shows its verdict and the chart "capacity" as SVG
    And the page asked for the report 2 times

  Scenario: A page waits for its event stream before its first fetch, and fetches once
    Given I run "experiment run --seed 42 --only duration-parser"
    When I open the viewer on the data dir at "#/report" once it has built the report, its event stream opening 300 ms late
    Then the report shows its verdict and the chart "capacity" as SVG
    And the page asked for the report 1 time
    And it asked none of them before its event stream opened

  Scenario: Every control is reached with Tab, shows its focus and acts on Enter; text keeps a 4.5:1 contrast
    Given I run "experiment run --seed 42 --only duration-parser"
    When I open the viewer on the data dir at "#/arms"
    Then pressing Tab reaches the page links, the filter, the sort buttons and the table rows, each with a visible focus ring
    And pressing Enter on the sort button "quality" sorts the table by quality
    And every text on the pages "#/runs", "#/arms" and "#/report" has a contrast of at least 4.5:1 (3:1 when large)
    And I keep a screenshot "arms"

  Scenario: Each subscription's bars show a projected time to the limit; usage and limit changes have their tables
    Given I run "experiment run --seed 42 --only duration-parser"
    When I open the viewer on the data dir at "#/bars"
    Then the bars page shows a projected time to the limit and a chart of the bar
    And I keep a screenshot "bars"
    When I open the page "#/usage"
    Then the table "usage-table" has rows
    And the table "usage-table" ends with a total line of its rows' tokens
    And I keep a screenshot "usage"
    When I open the page "#/usage?by=month"
    Then the table "usage-table" ends with a total line of its rows' tokens
    When I open the page "#/usage?by=session"
    Then the table "usage-sessions" ends with a total line of its rows' tokens
    When I open the page "#/usage?by=project"
    Then the table "usage-projects" ends with a total line of its rows' tokens
    When I open the page "#/limits"
    Then the limit changes page shows its shifts and a control chart
    And the limit changes page shows each header-read provider's everyday calibration
    And I keep a screenshot "limits"

  Scenario: The pages say which providers are simulated, what the routed "glm" account is, and which dollars the arms show
    # Once nothing on the Runs page said "simulated", "glm" stood in Bars and Usage unexplained, and the
    # Arms page's "dollars" (API list prices) read like the report's dollars of subscription.
    Given I run "experiment run --seed 42 --only duration-parser"
    When I open the viewer on the data dir at "#/runs"
    Then the element "simulated" says "Simulated: sim-claude, sim-claude+glm, sim-codex, sim-glm are answered by agent-tracker's scripted model server, not a real model"
    And the table "run-card" has a cell saying "sim-codex (simulated)"
    And I keep a screenshot "runs-simulated"
    When I open the page "#/bars"
    Then the element "routed-note" says "glm is no provider of a plan: it is the account sim-claude+glm routes its sub-agent (haiku-tier) requests to"
    And the table "bars-table" has a cell saying "glm (sub-agents of sim-claude+glm)"
    And the element "bars-headroom" says "sim-claude: about"
    When I open the page "#/usage"
    Then the element "routed-note" says "glm is no provider of a plan"
    And the table "usage-table" has a cell saying "glm (sub-agents of sim-claude+glm)"
    When I open the page "#/arms"
    Then the element "arms-dollars-note" says "List-price $: the arm's tokens at the APIs' list prices, what they would cost paid by the token. Not the report's dollars of subscription"
    And the table "arms-table" has a cell saying "list-price $"
    And I keep a screenshot "arms-dollars"
