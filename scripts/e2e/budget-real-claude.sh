#!/usr/bin/env bash
# A block-mode output budget against the real Claude Code CLI: the proxy cuts the stream at the budget, the
# runner stops the agent, the window is completed as budget-exceeded, and the upstream produced at most the
# budget plus one SSE event. Loopback-only network namespace (needs root). Usage: scripts/e2e/budget-real-claude.sh [N] [block|warn]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
budget="${1:-200}"
mode="${2:-block}"
if [ "${IN_NETNS:-}" != 1 ]; then
  BIN=$(scripts/fixtures/ensure-clients.sh claude)
  exec unshare -n env IN_NETNS=1 CLIENT_BIN="$BIN" bash "$0" "$@"
fi
ip link set lo up
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
export TRACKER_DATA_DIR="$work/data"
url_of() { for _ in $(seq 100); do [ -s "$1" ] && node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).url)' "$1" 2>/dev/null && return; sleep 0.1; done; return 1; }
node dist/cli/tracker.js model-server --script long --port 0 --json >"$work/server.json" 2>"$work/server.log" & pids+=($!)
server=$(url_of "$work/server.json")
flags=(--overall-token-budget "$budget" --budget-metric output --budget-mode "$mode")
node dist/cli/tracker.js proxy --port 0 --json --upstream "$server" "${flags[@]}" >"$work/proxy.json" 2>"$work/proxy.log" & proxy_pid=$!; pids+=($proxy_pid)
proxy=$(url_of "$work/proxy.json")
echo '{"five_hour": {"used_pct": 10}}' | node dist/cli/tracker.js snapshot before --provider claude --window E2E-BUDGET >/dev/null
mkdir -p "$work/home" "$work/repo" && (cd "$work/repo" && git init -q)
set +e
(cd "$work/repo" && node "$root/dist/cli/experiment.js" budget run "${flags[@]}" --window E2E-BUDGET --provider claude --grace-ms 2000 --timeout-ms 120000 --proxy-url "$proxy" -- \
  env -i PATH="$PATH" HOME="$work/home" DISABLE_TELEMETRY=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL=1 DISABLE_AUTOUPDATER=1 \
  ANTHROPIC_BASE_URL="$proxy" ANTHROPIC_API_KEY=dummy ANTHROPIC_CUSTOM_HEADERS='x-tracker-window: E2E-BUDGET' \
  "$CLIENT_BIN/claude" -p "Write a long essay." --output-format stream-json --verbose) >"$work/run.out" 2>"$work/run.err"
code=$?
set -e
kill -TERM "$proxy_pid"; wait "$proxy_pid" || true
echo "experiment budget run exit $code: $(cat "$work/run.out")"
cat "$work/run.err"
echo "--- server (what the upstream produced)"; cat "$work/server.log"
echo "--- budget events"; node -e 'for (const l of require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n")) { const r = JSON.parse(l); console.log(r.source, r.event, r.budget, `${r.used}/${r.limit}`, r.overshoot ?? "") }' "$work/data/budget_events.jsonl"
echo "--- window"; node dist/cli/tracker.js preview | grep E2E-BUDGET || true
echo "work dir: $work"
