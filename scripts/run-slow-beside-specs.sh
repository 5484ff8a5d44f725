#!/usr/bin/env bash
# `npm test`'s last phase: the slow tier and the other specs side by side (ADR 0034). Neither keeps two cores busy (CI
# at 02ca345: slow tests 102 s of CPU in 148 s, the specs 399 s in 355 s), so together they take about the specs' time.
# The slow tier's output is kept and printed after the specs', whole, so neither log is interleaved with the other.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp "${TMPDIR:-/tmp}/slow-tests.XXXXXX")
trap 'rm -f "$log"' EXIT
started=$(date +%s)
npm run --silent test:slow >"$log" 2>&1 &
slow=$!
npm run --silent test:features:rest
specs=$?
wait "$slow"
slow_code=$?
echo "== slow tests (run beside the specs): exit $slow_code, done $(( $(date +%s) - started )) s after both began"
cat "$log"
if [ "$specs" -ne 0 ]; then exit "$specs"; fi
exit "$slow_code"
