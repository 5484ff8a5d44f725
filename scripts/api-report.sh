#!/usr/bin/env bash
# API reports of the three exported subpaths (./ledger, ./sources, ./reports) with API Extractor, from dist/*.d.ts.
# Without --local it fails when a report in api/ differs from the built API (the check `npm test` runs);
# `npm run api` (--local) rewrites the reports, to be committed with the change and noted in CHANGELOG.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=()
if [ "${1:-}" = "--local" ]; then mode=(--local); fi
for subpath in ledger sources reports; do
  if ! out=$(npx --no-install api-extractor run "${mode[@]}" -c "api/$subpath.api-extractor.json" 2>&1); then
    echo "$out" | grep -v '^npm warn' >&2
    echo "api: the public API of ./$subpath changed: run npm run api, review api/$subpath.api.md and note it in CHANGELOG.md" >&2
    exit 1
  fi
done
echo "api: ./ledger, ./sources and ./reports match api/*.api.md" >&2
