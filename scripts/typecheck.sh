#!/usr/bin/env bash
# `npm run typecheck`: the package and the viewer's page, checked at the same time (two tsc processes, one core each:
# one after the other they took 30 s wall of a fresh-clone CI for 46 CPU-s; tsc itself uses one core).
set -uo pipefail
cd "$(dirname "$0")/.."
node_modules/.bin/tsc -p tsconfig.json --noEmit &
main=$!
node_modules/.bin/tsc -p viewer/web/tsconfig.json --noEmit &
viewer=$!
# Both in the background, so a signal (a CI step's kill, `timeout`) reaches the trap at once (bash runs a trap only
# after the foreground command ends, but interrupts `wait`), and the script takes both tsc with it.
trap 'kill "$main" "$viewer" 2>/dev/null' EXIT
trap 'exit 143' TERM INT
wait "$main"
main_code=$?
wait "$viewer"
viewer_code=$?
exit $(( main_code != 0 || viewer_code != 0 ))
