#!/usr/bin/env bash
# The main job on the embedded default: a full manual-capture session over the bundled example screens,
# two providers and two agents, into ./tracker-data-demo, ending with the preview.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cli/tracker.js ] || npm run build --silent
export TRACKER_DATA_DIR="${TRACKER_DATA_DIR:-$PWD/tracker-data-demo}"
export TZ="${TZ:-UTC}"
rm -rf "$TRACKER_DATA_DIR"
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

echo; echo "== Preview"
tracker preview
echo "Ledger written to $TRACKER_DATA_DIR"
