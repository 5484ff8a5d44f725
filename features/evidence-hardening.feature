@hardening
Feature: An arm's evidence keeps no secret and follows no link
  With ten secret shapes in a task's spec (the agent's first turn), 36062f1 redacted the Anthropic,
  OpenAI, GitHub, GLM and JWT values but kept an AWS key pair, a postgres URL's password and an OpenSSH private key
  verbatim in evidence/<window>/turns.jsonl, and the viewer showed them on the arm's page. The redaction
  (kernel/secrets/) now covers the shapes of gitleaks' and detect-secrets' default
  rules that occur in an agent's conversation, its diff and its tests' output, and leaves hashes, ids and code alone.
  gitleaks' whole default rule set is now its floor: 26 more providers' tokens (Vault, Terraform Cloud, DigitalOcean,
  Doppler, age, Heroku...), a key in base64 on a line of its own (after a diff's `+`, after a JSON `\n`) and passwords
  behind labels are planted too, beside look-alikes kept as they were: prose after "basic" or "bearer",
  `process.env.X`, AWS's documented example keys, `max_token: 4096`, the tool's own `--auth-token` error.
  Item 8: `diff.patch -> /etc/shadow` and `tests.log -> /root/.bashrc` were served as the arm's diff and test log by
  a viewer that could read them; a data dir is often a shared team folder. Evidence is now read with O_NOFOLLOW from
  folders checked not to be links, and a link is named as refused on the page. docs/data-format.md, docs/viewer.md

  @experiment @runner
  Scenario: Secrets of every shape a task carries are redacted from every file of the run and from the arm's page
    Given the task bank "leaky-bank" holds "lru-cache-ttl" with a secret of every shape in its spec, its tests' output and its solution
    When I run "experiment run --tasks leaky-bank --seed 42 --providers sim-steady,sim-thrifty --only lru-cache-ttl --no-report"
    Then the command succeeds
    And no file of the data dir holds a planted secret
    And every arm's turns, diff and test log hold the planted shapes redacted and the look-alikes as they were
    Given "experiment view" is running on the data dir
    Then no arm's page from the viewer holds a planted secret

  Scenario Outline: A link planted in an arm's evidence is refused on its page, never followed (<link>)
    Given an arm whose evidence has "<link>" linked to files outside the data dir
    And "experiment view" is running on the data dir
    Then the viewer's page of that arm names "<refused>" as a link it refused, and holds nothing of the files

    Examples:
      | link                | refused           |
      | diff.patch          | diff.patch        |
      | tests.log           | tests.log         |
      | its window folder   | evidence/<window> |
      | the evidence folder | evidence          |
