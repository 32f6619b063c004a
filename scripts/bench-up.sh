#!/usr/bin/env bash
# Measures `pgha up` from an empty engine (images present) to "writable through the write port with every replica
# streaming and a read landing on a replica" (up returns only then), RUNS times (default 3), and prints each run
# (wall clock, time inside `pgha up`, every step's time, the load average) and the median.
# Removes the stack and its data before each run and after the last: do not run it next to a stack you need.
#   scripts/bench-up.sh [RUNS]     (images: --images local; build them first with stack/images/build-local.sh)
# Environment:
#   PGHA_BENCH_NAME=NAME          the stack to make and remove (default pg-ha, on the default ports)
#   PGHA_BENCH_PORT_OFFSET=N      every published port moved up by N (write 5000+N, read 5001+N, Patroni 8008+N,
#                                 etcd 23791+N, exporters 9187+N, stats 8404+N, Prometheus 9090+N); default 0
#   PGHA_BENCH_PGHA=PATH          the pgha to measure (default this checkout's ./pgha), e.g. another checkout's, to
#                                 compare two versions back to back under the same conditions
# On a shared engine (a CI run uses pg-ha and the default ports):
#   PGHA_BENCH_NAME=up18 PGHA_BENCH_PORT_OFFSET=20000 scripts/with-docker-lock scripts/bench-up.sh 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
name=${PGHA_BENCH_NAME:-pg-ha}
offset=${PGHA_BENCH_PORT_OFFSET:-0}
pgha=${PGHA_BENCH_PGHA:-$root/pgha}
export PGHA_CONFIG_DIR=$(mktemp -d /tmp/pgha-bench.XXXXXX)
trap 'rm -rf "$PGHA_CONFIG_DIR"' EXIT
"$pgha" --version >/dev/null # builds the CLI first if needed, outside the measurement

stack=(--name "$name")
if [ "$offset" != 0 ]; then
  stack+=(--write-port $((5000 + offset)) --read-port $((5001 + offset)) --patroni-port $((8008 + offset))
          --etcd-port $((23791 + offset)) --exporter-port $((9187 + offset)) --stats-port $((8404 + offset))
          --prometheus-port $((9090 + offset)))
fi

clear_stack() {
  docker compose -p "$name" down --volumes --remove-orphans -t 5 >/dev/null 2>&1 || true
  "$pgha" down --name "$name" --volumes --yes >/dev/null
}

walls=()
inners=()
for i in $(seq "$runs"); do
  clear_stack
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  start=$(date +%s.%N)
  out=$("$pgha" up --images local --json "${stack[@]}")
  wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  inner=$(echo "$out" | tail -1 | sed -n 's/.*"elapsed_ms":\([0-9]*\).*/\1/p')
  # every finished step: "step 1.2" (the progress lines with status done or skipped)
  steps=$(echo "$out" | sed -n 's/.*"step":"\([^"]*\)".*"status":"\(done\|skipped\)".*"elapsed_ms":\([0-9]*\).*/\1 \3/p' \
    | awk '{printf "%s %.1f, ", $1, $2 / 1000}' | sed 's/, $//')
  printf 'run %d: %.1f s wall clock (JVM start included), %.1f s inside pgha up (load %s)\n' \
    "$i" "$wall" "$(awk -v ms="$inner" 'BEGIN {print ms / 1000}')" "$load"
  printf '  steps: %s\n' "$steps"
  walls+=("$wall")
  inners+=("$(awk -v ms="$inner" 'BEGIN {print ms / 1000}')")
done
clear_stack
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
printf 'median of %d: %.1f s wall clock, %.1f s inside pgha up (load now %s)\n' "$runs" "$(median "${walls[@]}")" \
  "$(median "${inners[@]}")" "$(cut -d' ' -f1-3 /proc/loadavg)"
