#!/usr/bin/env bash
# Measures `pgha up` from an empty engine (images present) to "writable on 5000 with every replica
# streaming" (up returns only then), RUNS times (default 3), and prints each run and the median.
# Removes the pg-ha stack and its data before each run and after the last: do not run it next to a stack you need.
#   scripts/bench-up.sh [RUNS]     (images: --images local; build them first with stack/images/build-local.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
export PGHA_CONFIG_DIR=$(mktemp -d /tmp/pgha-bench.XXXXXX)
trap 'rm -rf "$PGHA_CONFIG_DIR"' EXIT
"$root/pgha" --version >/dev/null # builds the CLI first if needed, outside the measurement

clear_stack() {
  docker compose -p pg-ha down --volumes --remove-orphans -t 5 >/dev/null 2>&1 || true
  "$root/pgha" down --volumes --yes >/dev/null
}

walls=()
for i in $(seq "$runs"); do
  clear_stack
  start=$(date +%s.%N)
  result=$("$root/pgha" up --images local --json | tail -1)
  wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  inner=$(echo "$result" | sed -n 's/.*"elapsed_ms":\([0-9]*\).*/\1/p')
  printf 'run %d: %.1f s wall clock (JVM start included), %.1f s inside pgha up\n' "$i" "$wall" "$(awk -v ms="$inner" 'BEGIN {print ms / 1000}')"
  walls+=("$wall")
done
clear_stack
median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}')
printf 'median of %d: %.1f s\n' "$runs" "$median"
