@e2e
Feature: The real Claude Code asks the ledger through `tracker mcp`
  Set up as docs/mcp.md says (`claude mcp add agent-tracker -- tracker mcp --data-dir DIR`), the pinned Claude Code
  starts `tracker mcp` over stdio, calls its usage tool when the model asks, and hands the answer back to the model in
  its next request: the figure `tracker usage --json` gives for the same data dir. The server only reads.

  Background:
    Given the real clients are installed and this network namespace has only loopback

  Scenario: The scripted model calls mcp__agent-tracker__usage by account and gets the ledger's tokens back
    Given a data dir "ledger" holding four weeks of Claude use through the proxy
    And the real claude client has "agent-tracker" added by `claude mcp add --scope user` as `tracker mcp --data-dir ledger`
    And a scripted model server "main" whose first answer calls "mcp__agent-tracker__usage" with '{"by":"account"}', then says "You used them on Claude."
    When the real claude client runs "How many tokens did I use, per account?" at "main", allowing "mcp__agent-tracker__usage"
    Then the real claude client succeeded
    And the real claude client loaded the MCP tool "mcp__agent-tracker__usage"
    And the data dir ledger holds the same files and bytes as before claude ran
    And the model's second request carries the tool's answer: "claude"'s tokens equal those of `tracker usage --json` on ledger
