#!/usr/bin/env bash
# `npm test`: every phase in order, stopping at the first that fails, each timed (wall and CPU seconds of its
# processes), with a table of the phases at the end. Cucumber and vitest use both cores (issue 31, ADR 0023).
set -uo pipefail
cd "$(dirname "$0")/.."

phases=(
  "typecheck|npm run --silent typecheck"
  "lint|npm run --silent lint"
  "build|npm run --silent build"
  "api|npm run --silent test:api"
  "invariants (files)|npm run --silent test:invariants"
  "invariants (postgres)|npm run --silent test:invariants:postgres"
  "unit and architecture|npm run --silent test:unit"
  "slow tests|npm run --silent test:slow"
  "other specs|npm run --silent test:features:rest"
)
summary=()
total_started=$(date +%s.%N)
for phase in "${phases[@]}"; do
  name=${phase%%|*}
  command=${phase#*|}
  echo "== $name: $command"
  started=$(date +%s.%N)
  # The shell's own and its waited-for children's CPU ticks (/proc/PID/stat fields 14-17): the difference is the phase's.
  read -r cpu_before < <(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
  bash -c "$command"
  code=$?
  read -r cpu_after < <(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
  wall=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.0f", b-a}')
  cpu=$(awk -v a="$cpu_before" -v b="$cpu_after" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.0f", (b-a)/hz}')
  summary+=("$(printf '%-24s %6s s wall %6s s CPU  exit %s' "$name" "$wall" "$cpu" "$code")")
  echo "== $name: exit $code, wall ${wall} s, CPU ${cpu} s"
  if [ "$code" -ne 0 ]; then break; fi
done
echo "== npm test phases (load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${summary[@]}"
echo "total $(awk -v a="$total_started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.0f", b-a}') s wall"
exit "${code:-0}"
