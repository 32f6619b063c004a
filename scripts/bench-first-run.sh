#!/usr/bin/env bash
# A newcomer's first command, timed: a clean copy of this checkout (the files git tracks, nothing built) and an engine
# without any pgha/* image, then README.md's run command (./pgha up). Prints the wall time split into building the
# CLI, building the images and starting the stack, then the time of the same command run again (everything present).
#   scripts/with-docker-lock scripts/bench-first-run.sh [RUNS]
# DESTRUCTIVE for this machine's pgha images and pg-ha stack: it removes every pgha/* image, and the pg-ha stack with
# its data, before each run (that is what "fresh" means). Do not run it next to a stack you need.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-1}
work=$(mktemp -d /tmp/pgha-first-run.XXXXXX)
trap 'rm -rf "$work"' EXIT

fresh_engine() {
  (cd "$work/pgha" 2>/dev/null && PGHA_CONFIG_DIR="$work/config" ./pgha down --volumes --yes >/dev/null 2>&1) || true
  docker compose -p pg-ha down --volumes --remove-orphans -t 5 >/dev/null 2>&1 || true
  local images
  images=$(docker images --format '{{.Repository}}:{{.Tag}}' | grep '^pgha/' || true)
  for image in $images; do
    ids=$(docker ps -aq --filter ancestor="$image")
    [ -z "$ids" ] || docker rm -f $ids >/dev/null
  done
  [ -z "$images" ] || docker rmi -f $images >/dev/null
}

fresh_clone() {
  rm -rf "$work/pgha" "$work/config"
  mkdir -p "$work/pgha"
  (cd "$root" && git ls-files -z | xargs -0 -I{} cp --parents -p {} "$work/pgha/" 2>/dev/null || true)
}

seconds() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", b - a}'; }

for i in $(seq "$runs"); do
  fresh_engine
  fresh_clone
  cd "$work/pgha"
  start=$(date +%s.%N)
  PGHA_CONFIG_DIR="$work/config" ./pgha up > "$work/up.log" 2>&1
  end=$(date +%s.%N)
  cli=$(sed -n 's/^pgha: built the pgha CLI in \([0-9]*\) s$/\1/p' "$work/up.log")
  images=$(sed -n 's/^✔ *\([0-9.]*\) s  Images .*/\1/p' "$work/up.log")
  inside=$(sed -n 's/^Stack pg-ha is up in \([0-9.]*\) s.*/\1/p' "$work/up.log")
  start2=$(date +%s.%N)
  PGHA_CONFIG_DIR="$work/config" ./pgha up > "$work/again.log" 2>&1
  end2=$(date +%s.%N)
  printf 'run %d: fresh clone + engine -> writable with replicas streaming in %s s (CLI build %s s, images %s s, stack %s s); again: %s s\n' \
    "$i" "$(seconds "$start" "$end")" "${cli:-?}" "${images:-?}" "$(awk -v a="${inside:-0}" -v b="${images:-0}" 'BEGIN {printf "%.1f", a - b}')" \
    "$(seconds "$start2" "$end2")"
  cd "$root"
done
(cd "$work/pgha" && PGHA_CONFIG_DIR="$work/config" ./pgha down --volumes --yes >/dev/null 2>&1) || true
