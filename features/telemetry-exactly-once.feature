@hardening @exactly-once
Feature: Telemetry exactly once, and whole-or-nothing writes on a full disk
  A proxy telemetry row reaches proxy_telemetry.jsonl before the request's handler returns, so killing the
  proxy with SIGKILL after its clients got their answers loses no row (only the fsync is batched). A
  write the disk refuses part-way is taken back under the file's lock, and a retried batch skips by row
  id whatever an earlier attempt left: each row is in the ledger once. Read commands still work when the
  data directory cannot be written; a torn last line they cannot repair is left as it is, and said so.

  Scenario: a proxy killed with SIGKILL right after its clients got their answers loses no row
    Given a scripted model server "main" playing "hello"
    And a proxy I can kill, with upstream "main"
    When clients stream 30 messages through it, one after another
    And the proxy is killed with SIGKILL
    Then "proxy_telemetry.jsonl" has 30 "proxy-request" rows, each trace once

  Scenario: an ingest on a full disk leaves the ledger byte-identical and exits non-zero with one clear line
    Given a data dir on a 256 KiB tmpfs holding 10 ingested telemetry rows
    And the tmpfs is nearly full
    When I ingest 1000 telemetry events into the tmpfs data dir
    Then the exit code is not 0
    And stderr is one line containing "nothing was added, the file is as it was before"
    And stderr is one line containing "free some space, then run the same command"
    And the tmpfs ledger is byte-identical to before

  Scenario: preview works on a read-only data dir with a torn last line, and says it left it
    Given a data dir on a 256 KiB tmpfs holding 10 ingested telemetry rows
    And the tmpfs "windows.jsonl" ends with a torn line
    And the tmpfs is remounted read-only
    When I run preview on the tmpfs data dir
    Then the exit code is 0
    And stderr contains "windows.jsonl: torn last line left as it is (EROFS)"

  Scenario: preview works on a full disk with a torn last line, and says it left it
    Given a data dir on a 256 KiB tmpfs holding 10 ingested telemetry rows
    And the tmpfs "windows.jsonl" ends with a torn line
    And the tmpfs is full
    When I run preview on the tmpfs data dir
    Then the exit code is 0
    And stderr contains "windows.jsonl: torn last line left as it is (ENOSPC)"
