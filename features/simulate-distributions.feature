@stop-rules
Feature: Stop rules that stay valid on skewed, heavy-tailed, bounded and coarse data
  Before issue 42 the runner stopped on a betting confidence sequence of the per-task share gap: the
  symmetry sequence is exact whenever the two providers are exchangeable within a task, the bounded-mean
  sequence for any differences on a known range. The decision is now group-sequential on work per dollar
  (`experiment simulate --shape`); `experiment simulate --distribution
  normal|exponential|lognormal|t3|bernoulli|bounded|coarse|resample` still shows the false-stop rate (or the
  power) and the mean tasks used of those earlier rules, each with a Monte Carlo interval, labelled as such.

  Scenario: on exchangeable lognormal arms the betting rule's false stops stay at or below alpha
    When I run "experiment simulate --seed feature-lognormal --distribution lognormal --replicates 1000 --futility 0"
    Then the command succeeds
    And stdout has a line matching "^Simulated 1000 AB/BA crossover experiments \(seed feature-lognormal\): 20 tasks, lognormal outcomes, effect 0 SD"
    And stdout has a line matching "^betting CS, symmetry \(before issue 42\) +([0-4]\.\d|5\.0)% \[\d+\.\d, \d+\.\d\]"
    And stdout has a line matching "^normal-theory CS \(before\) +\d+\.\d% \[\d+\.\d, \d+\.\d\]"

  Scenario: pass/fail outcomes get the bounded-mean rule, and the power lost against the normal-theory rule is stated
    When I run "experiment simulate --seed feature-pass --distribution bernoulli --effect 1 --replicates 300"
    Then the command succeeds
    And stdout has a line matching "^betting CS, bounded mean \(before issue 42\) +\d+\.\d% \["
    And stdout has a line matching "^betting CS, symmetry \(if arms exchangeable\) "
    And stdout has a line matching "^Power lost against the normal-theory rule: -?\d+\.\d points"

  Scenario: a distribution it does not know is refused, naming the choices
    When I run "experiment simulate --seed x --distribution gamma"
    Then the command fails with '--distribution: expected one of normal, exponential, lognormal, t3, bernoulli, bounded, coarse, resample, got "gamma"'

  Scenario: resample draws the paired differences recorded in the data dir, with random signs for the null
    Given I run "experiment simulate --seed recorded --effect 1 --tasks 12 --write"
    When I run "experiment simulate --seed resampled --distribution resample --replicates 300 --futility 0"
    Then the command succeeds
    And stdout has a line matching "^Resampled: \d+ paired tasks of sim-a - sim-b \(efficiency per capacity unit\) from "
    And stdout has a line matching "^betting CS, symmetry \(before issue 42\) +([0-4]\.\d|5\.0)% \["

  Scenario: resample refuses a data dir with nothing recorded, naming it
    Given an empty data dir
    When I run "experiment simulate --seed x --distribution resample"
    Then the command fails with "resample needs at least 2 tasks done by the same two providers with a capacity delta in "
