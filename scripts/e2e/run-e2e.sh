#!/usr/bin/env bash
# `npm run test:e2e`: the @e2e Gherkin features against the real, pinned Claude Code, Codex and ccusage.
# 1. builds dist/ when a source is newer than it (or it is missing);
# 2. installs the pinned clients into .clients/ (git-ignored, never a runtime dependency: scripts/fixtures/ensure-clients.sh);
# 3. re-runs itself inside a new network namespace with only loopback (unshare -n, ip link set lo up; needs root)
#    and runs cucumber-js --profile e2e there, with the clients' bin dir on PATH and in E2E_CLIENT_BIN.
# If the namespace cannot be made, or anything but lo is visible inside it, the suite FAILS: it never runs unprotected.
# Extra arguments go to cucumber-js (e.g. --name 'tool loop').
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "test:e2e FAILED: $*" >&2; exit 1; }

if [ "${E2E_IN_NETNS:-}" != 1 ]; then
  started=$(date +%s)
  stale=""
  if [ ! -f dist/cli/tracker.js ]; then
    stale=missing
  else
    stale=$(find kernel cli ledger sources budget proxy model-server runner reports step-definitions -name '*.ts' -newer dist/cli/tracker.js -print -quit)
  fi
  if [ -n "$stale" ]; then
    echo "test:e2e: building dist/ ($stale is newer)"
    npm run --silent build || npm run --silent build   # a concurrent build can race on .dist-next: one retry
  fi
  bin=$(scripts/fixtures/ensure-clients.sh ccusage codex claude gemini) || fail "could not install the pinned clients (scripts/fixtures/ensure-clients.sh)"
  for client in claude codex gemini ccusage; do
    [ -x "$bin/$client" ] || fail "$bin/$client is missing after ensure-clients.sh"
    version=$("$bin/$client" --version 2>/dev/null | tail -1) || fail "the real $client does not start ($bin/$client --version failed)"
    echo "test:e2e: $client $version"
  done
  command -v unshare >/dev/null || fail "unshare is not installed: the real clients must run in a loopback-only network namespace"
  unshare -n true 2>/dev/null || fail "cannot create a network namespace (unshare -n needs root or CAP_SYS_ADMIN); refusing to run the real clients unprotected"
  set +e
  unshare -n env E2E_IN_NETNS=1 E2E_CLIENT_BIN="$bin" bash "$0" "$@"
  code=$?
  set -e
  echo "test:e2e: exit $code, wall $(( $(date +%s) - started )) s"
  exit "$code"
fi

# Inside the namespace: bring loopback up and prove nothing else is there before any client starts.
ip link set lo up || fail "ip link set lo up failed inside the namespace"
others=$(awk -F: 'NR > 2 { gsub(/ /, "", $1); if ($1 != "lo") print $1 }' /proc/net/dev)
[ -z "$others" ] || fail "the namespace has interfaces besides lo: $others"
export PATH="$E2E_CLIENT_BIN:$PATH"
export TZ=UTC
# Two scenarios at once: the real clients mostly wait (a serial run kept 48% of a core busy, its steps 352 s wall;
# two at once 234 s of steps against 352, all 29 passing, load 4-7).
exec npx --no-install cucumber-js --profile e2e --parallel 2 "$@"
