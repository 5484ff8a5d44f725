#!/usr/bin/env bash
# Compiles into a fresh tree and swaps it in, so a running `tracker` or test never sees dist/ half-gone.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .dist-next .dist-old
# npm ci runs this (prepare) with no output of its own: say what the wait is for.
echo "agent-tracker: compiling TypeScript into dist/ ..." >&2
started=$SECONDS
npx --no-install tsc -p tsconfig.build.json --outDir .dist-next
# The bins run as programs (npx, npm link, PATH): they need the executable bit, which tsc does not set.
chmod +x .dist-next/cli/tracker.js .dist-next/cli/experiment.js
if [ -d dist ]; then mv dist .dist-old; fi
mv .dist-next dist
rm -rf .dist-old
echo "agent-tracker: dist/ built in $((SECONDS - started)) s" >&2
