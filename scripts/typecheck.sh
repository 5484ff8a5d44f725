#!/usr/bin/env bash
# `npm run typecheck`: the package and the viewer's page, checked at the same time (two tsc processes, one core each:
# one after the other they took 30 s wall of a fresh-clone CI for 46 CPU-s; tsc itself uses one core).
set -uo pipefail
cd "$(dirname "$0")/.."
npx --no-install tsc -p viewer/web/tsconfig.json --noEmit &
viewer=$!
npx --no-install tsc -p tsconfig.json --noEmit
main=$?
wait "$viewer"
viewer=$?
exit $(( main != 0 || viewer != 0 ))
