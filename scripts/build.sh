#!/usr/bin/env bash
# Compiles into a fresh tree and swaps it in, so a running `tracker` or test never sees dist/ half-gone.
# Skips the compile when dist/ was built from the same sources (`npm run build -- --force` compiles anyway), and
# links the two bins into the checkout's own node_modules/.bin so `npx experiment` runs them directly: without the
# links npx installs the checkout into its cache, which runs `prepare` (this script) again behind a silent spinner.
set -euo pipefail
cd "$(dirname "$0")/.."

link_bins() {
  case "$PWD" in */node_modules/*) return 0 ;; esac # installed as a dependency: npm links the bins itself
  [ -d node_modules ] || return 0
  mkdir -p node_modules/.bin
  ln -sfn ../../dist/cli/tracker.js node_modules/.bin/tracker
  ln -sfn ../../dist/cli/experiment.js node_modules/.bin/experiment
}

hash=$(node scripts/hash-sources.mjs)
if [ "${1:-}" != "--force" ] && [ -f dist/.source-hash ] && [ "$(cat dist/.source-hash)" = "$hash" ]; then
  echo "agent-tracker: dist/ is up to date with the sources (npm run build -- --force compiles anyway)" >&2
  link_bins
  exit 0
fi
rm -rf .dist-next .dist-old
# npm ci runs this (prepare) with no output of its own: say what the wait is for.
echo "agent-tracker: compiling TypeScript into dist/ ..." >&2
started=$SECONDS
npx --no-install tsc -p tsconfig.build.json --outDir .dist-next
# The bins load one bundle of what they run instead of ~200 ES modules (start-up, ADR 0025).
node scripts/bundle-bins.mjs .dist-next
# The viewer's front end: one module for the first paint, the charts in a chunk loaded on use (ADR 0028).
node scripts/bundle-viewer.mjs .dist-next
# The bins run as programs (npx, npm link, PATH): they need the executable bit, which tsc does not set.
chmod +x .dist-next/cli/tracker.js .dist-next/cli/experiment.js
echo "$hash" > .dist-next/.source-hash
if [ -d dist ]; then mv dist .dist-old; fi
mv .dist-next dist
rm -rf .dist-old
link_bins
echo "agent-tracker: dist/ built in $((SECONDS - started)) s" >&2
