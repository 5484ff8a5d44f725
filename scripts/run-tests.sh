#!/usr/bin/env bash
# `npm test`: every phase in order, stopping at the first that fails, each timed (wall and CPU seconds of its
# processes, and the whole machine's), with a table of the phases at the end. Cucumber and vitest use both cores (ADR 0023).
# A phase marked `|beside the next` runs beside the phase after it. The slow tier ran so for one fresh-clone CI: the
# other specs went from 797 s to 1,115 s wall (CPU 917 -> 952 s) and three experiment runs hit the 120 s step timeout,
# for no gain (294 + 797 s one after the other, 1,115 s side by side, load 6.8): on 2 cores both were CPU-bound. So
# no phase is marked; the mechanism stays for a machine with cores to spare.
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
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
total_started=$(date +%s.%N)

# Runs one phase and writes its table row to $logs/$2.row and its exit code to $logs/$2.code; called in a subshell of
# its own, whose waited-for children are the phase's alone (this shell reaps a background phase whenever it ends).
# The CPU is that subshell's own and its children's ticks (/proc/$BASHPID/stat fields 14-17, read before a
# process substitution, where $BASHPID would be its own).
run_phase() {
  local name=$1 key=$2 command=$3 shell=$BASHPID started cpu_before cpu_after busy_before busy_after code wall cpu busy
  echo "== $name: $command"
  started=$(date +%s.%N)
  read -r cpu_before < <(awk '{print $14+$15+$16+$17}' "/proc/$shell/stat")
  read -r busy_before < <(read_machine_busy)
  bash -c "$command"
  code=$?
  read -r cpu_after < <(awk '{print $14+$15+$16+$17}' "/proc/$shell/stat")
  read -r busy_after < <(read_machine_busy)
  wall=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.0f", b-a}')
  cpu=$(awk -v a="$cpu_before" -v b="$cpu_after" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.0f", (b-a)/hz}')
  busy=$(awk -v a="$busy_before" -v b="$busy_after" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.0f", (b-a)/hz}')
  printf '%-24s %6s s wall %6s s CPU %6s s machine  exit %s\n' "$name" "$wall" "$cpu" "$busy" "$code" >"$logs/$key.row"
  echo "$code" >"$logs/$key.code"
  echo "== $name: exit $code, wall ${wall} s, CPU ${cpu} s, machine ${busy} s"
}

# Every core's busy ticks so far (/proc/stat's first line: user, nice, system, irq, softirq, steal): the machine's CPU
# over a phase, beside the phase's own. What its own processes do not account for is what they started and did not
# wait for (PostgreSQL's servers, processes in a sandbox's PID namespace) or another load on the machine.
read_machine_busy() {
  awk '/^cpu / {print $2+$3+$4+$7+$8+$9; exit}' /proc/stat
}

code=0
beside=()
for index in "${!phases[@]}"; do
  IFS='|' read -r name command mode <<<"${phases[$index]}"
  if [ "${mode:-}" = "beside the next" ]; then
    echo "== $name: started beside the next phase, its output at its end ($logs/$index.log)"
    (run_phase "$name" "$index" "$command") >"$logs/$index.log" 2>&1 &
    beside+=("$index:$!")
    continue
  fi
  (run_phase "$name" "$index" "$command")
  code=$(cat "$logs/$index.code")
  for entry in "${beside[@]}"; do
    wait "${entry#*:}"
    cat "$logs/${entry%%:*}.log"
    summary+=("$(cat "$logs/${entry%%:*}.row")")
    [ "$code" -ne 0 ] || code=$(cat "$logs/${entry%%:*}.code")
  done
  beside=()
  summary+=("$(cat "$logs/$index.row")")
  if [ "$code" -ne 0 ]; then break; fi
done
echo "== npm test phases (load at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${summary[@]}"
echo "total $(awk -v a="$total_started" -v b="$(date +%s.%N)" 'BEGIN{printf "%.0f", b-a}') s wall"
exit "$code"
