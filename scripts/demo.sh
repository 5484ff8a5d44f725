#!/usr/bin/env bash
# A tour of manual capture and the proxy: a full capture session over the bundled example screens, two
# providers and two agents, ending with the preview, in a directory of the demo's own.
# Usage: npm run demo [-- DIR]   (default ./tracker-data-demo; DEMO_DIR also names it)
# The demo never uses $TRACKER_DATA_DIR (that is the user's ledger) and never touches a non-empty
# directory it did not create: it marks the directories it makes and replaces only those.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cli/tracker.js ] || npm run build --silent
marker=.agent-tracker-demo
demo=$(realpath -m -- "${1:-${DEMO_DIR:-$PWD/tracker-data-demo}}")
if [ -e "$demo" ] && [ ! -d "$demo" ]; then
  echo "demo: $demo exists and is not a directory; name another with: npm run demo -- DIR" >&2; exit 2
fi
if [ -n "${TRACKER_DATA_DIR:-}" ]; then
  ledger=$(realpath -m -- "$TRACKER_DATA_DIR")
  if [[ "$ledger/" == "$demo/"* || "$demo/" == "$ledger/"* ]]; then
    echo "demo: the demo directory $demo overlaps TRACKER_DATA_DIR ($ledger), which it never touches; name another with: npm run demo -- DIR" >&2; exit 2
  fi
fi
if [ -d "$demo" ] && [ -n "$(ls -A -- "$demo")" ] && [ ! -f "$demo/$marker" ]; then
  echo "demo: $demo is not empty and was not made by the demo; it is left untouched (name another with: npm run demo -- DIR)" >&2; exit 2
fi
# Only a directory carrying the demo's marker is ever removed, and only to start it afresh.
[ -f "$demo/$marker" ] && rm -rf -- "$demo"
mkdir -p -- "$demo"
printf 'made by agent-tracker'"'"'s npm run demo; running the demo again replaces this directory\n' >"$demo/$marker"
export TRACKER_DATA_DIR="$demo/ledger"
export TZ="${TZ:-UTC}"
tracker() { node dist/cli/tracker.js "$@"; }
ex=docs/examples
day=2026-11-20

echo "== Codex window (agent main), pasted /status screens"
tracker snapshot before --provider codex --input "$ex/codex-status-before.txt" --at "${day}T10:00:00Z"
tracker snapshot after  --provider codex --input "$ex/codex-status-after.txt"  --at "${day}T11:10:00Z"
tracker complete --provider codex --quality 0.9 --outcome success --feature demo-F1 --methodology demo

echo; echo "== Claude window (agent sub1, in parallel), pasted /usage screens"
AGENT_ID=sub1 tracker snapshot before --provider claude --input "$ex/claude-usage-before.txt" --at "${day}T10:00:30Z"
AGENT_ID=sub1 tracker snapshot after  --provider claude --input "$ex/claude-usage-after.txt"  --at "${day}T11:05:00Z"
AGENT_ID=sub1 tracker complete --provider claude --quality 0.75 --outcome partial --feature demo-F1 --methodology demo

echo; echo "== A pasted screen with two panes keeps the last one"
tracker snapshot before --provider codex --input "$ex/codex-status-two-panes.txt" --at "${day}T12:00:00Z"
tracker undo --provider codex

echo; echo "== Bad input is refused whole (the demo expects this one to fail)"
if echo "not a usage screen" | tracker snapshot before --provider glm; then
  echo "expected the garbage input to be refused" >&2; exit 1
fi

echo; echo "== Through the proxy: real token counts and bars, haiku routed to a second back end"
echo "   (two scripted model servers stand in for the Anthropic API and GLM: no keys, no network)"
run=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$run"' EXIT
# Servers run as node itself (not through the shell function), so $! is the process a signal must reach.
url_of() { # waits for a server's JSON ready line and prints its url
  for _ in $(seq 100); do
    if [ -s "$1" ] && node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).url)' "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "server did not start: $(cat "$1.err" 2>/dev/null)" >&2; return 1
}
node dist/cli/tracker.js model-server --script hello --port 0 --json >"$run/api.json" 2>"$run/api.json.err" & pids+=($!)
node dist/cli/tracker.js model-server --script hello --port 0 --json >"$run/glm.json" 2>"$run/glm.json.err" & pids+=($!)
api=$(url_of "$run/api.json"); glm=$(url_of "$run/glm.json")
node dist/cli/tracker.js proxy --port 0 --json --backend "anthropic=$api" --backend "glm=$glm" --upstream anthropic --route "claude-haiku-*=glm,model=glm-4.5-air" >"$run/proxy.json" 2>"$run/proxy.json.err" & proxy_pid=$!; pids+=($proxy_pid)
proxy=$(url_of "$run/proxy.json")
echo "   proxy at $proxy"
node scripts/demo-client.mjs "$proxy" demo-W3 demo-F2
kill -TERM "$proxy_pid"; wait "$proxy_pid" || true
tracker snapshot before --provider claude --window demo-W3 --from-proxy
tracker snapshot after  --provider claude --window demo-W3 --from-proxy
tracker complete --provider claude --window demo-W3 --quality 1 --outcome success --feature demo-F2 --methodology demo

echo; echo "== Preview"
tracker preview
echo "Ledger written to $TRACKER_DATA_DIR"

echo; echo "== A simulated AB/BA experiment (seeded numbers, no agents) and its report"
sim="$demo/simulated"
node dist/cli/experiment.js simulate --seed 7 --effect 1 --tasks 12 --write --data-dir "$sim"
node dist/cli/experiment.js report --data-dir "$sim" 2>/dev/null | sed -n '1,6p'
echo "Full report and charts: $sim/reports/report.md"
