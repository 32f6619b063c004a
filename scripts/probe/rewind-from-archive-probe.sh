#!/usr/bin/env bash
# The old primary's pg_rewind needs segments that are gone from its own pg_wal and only the archive still has
# (docs/decisions/0070). On a pgha-made stack with backups: the replicas are paused (docker pause) while the primary
# writes, switches segments and checkpoints, so that its last checkpoint lies past the divergence (in the runs so far
# the replicas had everything up to the last switch); the primary is killed once those segments are
# archived, the replicas resumed and one of them promoted; the old primary's segments from the last checkpoint before
# the divergence up to (not including) its last checkpoint's REDO are removed from its data volume, as recycling
# removes them (its crash recovery does not need them, its rewind does); then it is started again. Prints the old
# primary's restore_command before the kill, Patroni's pg_rewind lines (a "Trying to fetch the missing wal" per
# segment when the member ran without a restore_command: Patroni's fallback), and how long until it streamed again.
# Run it on a fresh stack to see the stack's first leader (started as primary, no restore_command in its running
# configuration); on a stack that failed over before, the primary was promoted and keeps its restore_command:
# pg_rewind then gets --restore-target-wal and fetches the segments itself (no fallback lines).
# Usage: scripts/probe/rewind-from-archive-probe.sh STACK   (a pgha-made stack; run under with-docker-lock)
set -euo pipefail
stack=$1
data=/home/postgres/pgdata/pgroot/data
sql() { docker exec -u postgres "$1" psql -h /run/postgresql -d postgres -XAtqc "$2"; }
redo_file() { docker exec -u postgres "$1" pg_controldata "$data" | sed -n "s/^Latest checkpoint's REDO WAL file: *//p"; }
members=("$stack-pg-0" "$stack-pg-1" "$stack-pg-2")
primary=""; replicas=()
for m in "${members[@]}"; do
  if [ "$(sql "$m" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; then primary=$m; else replicas+=("$m"); fi
done
[ -n "$primary" ] && [ ${#replicas[@]} -eq 2 ] || { echo "no primary and two replicas in $stack" >&2; exit 1; }
echo "primary $primary, restore_command in its running configuration: '$(sql "$primary" 'SHOW restore_command')'"
sql "$primary" "CREATE TABLE IF NOT EXISTS rewind_probe(n int); INSERT INTO rewind_probe SELECT generate_series(1, 1000); CHECKPOINT"
first=$(redo_file "$primary")
docker pause "${replicas[@]}" > /dev/null
trap 'docker unpause "${replicas[@]}" > /dev/null 2>&1 || true' EXIT
for n in 1 2 3 4 5; do
  sql "$primary" "SET synchronous_commit = local; INSERT INTO rewind_probe VALUES ($n); SELECT pg_switch_wal()" > /dev/null
done
sql "$primary" "SET synchronous_commit = local; INSERT INTO rewind_probe VALUES (6); CHECKPOINT"
last=$(redo_file "$primary")
tli=${first:0:8}
[ "${last:0:8}" = "$tli" ] || { echo "the timeline changed under the probe" >&2; exit 1; }
segments=()
for ((i = 16#${first:16}; i < 16#${last:16}; i++)); do segments+=("$(printf '%s%s%08X' "$tli" "${first:8:8}" "$i")"); done
archived=""
for _ in $(seq 1 120); do
  archived=$(sql "$primary" "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
  [[ ! "$archived" < "${segments[-1]}" ]] && break
  sleep 0.5
done
[[ ! "$archived" < "${segments[-1]}" ]] || { echo "${segments[-1]} not archived within 60 s" >&2; exit 1; }
echo "last checkpoint before the pause: REDO in $first; after the writes: REDO in $last; archived up to $archived"
docker kill "$primary" > /dev/null
docker unpause "${replicas[@]}" > /dev/null
trap - EXIT
echo "$(date -u +%T.%N) killed $primary, replicas resumed"
leader=""
for _ in $(seq 1 120); do
  for m in "${replicas[@]}"; do
    [ "$(sql "$m" 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && leader=$m
  done
  [ -n "$leader" ] && break
  sleep 0.5
done
[ -n "$leader" ] || { echo "no replica promoted within 60 s" >&2; exit 1; }
echo "$(date -u +%T.%N) $leader is primary; it writes on: $(sql "$leader" 'INSERT INTO rewind_probe SELECT generate_series(1001, 2000); SELECT pg_switch_wal()')"
docker run --rm --volumes-from "$primary" --entrypoint sh "$(docker inspect -f '{{.Config.Image}}' "$primary")" -c \
  "cd $data/pg_wal && for f in ${segments[*]}; do rm \$f && rm -f archive_status/\$f.*; done"
echo "removed from $primary's pg_wal: ${segments[*]}"
started=$(date -u +%s.%N); since=$(date -u +%Y-%m-%dT%H:%M:%S)
docker start "$primary" > /dev/null
echo "$(date -u +%T.%N) started $primary"
streaming=""
for _ in $(seq 1 180); do
  streaming=$(sql "$leader" "SELECT count(*) FROM pg_stat_replication WHERE application_name = '${primary#"$stack-"}' AND state = 'streaming'" 2>/dev/null || true)
  [ "$streaming" = 1 ] && break
  sleep 0.5
done
docker logs --since "$since" "$primary" 2>&1 | grep -E "pg_rewind|fetch the missing|Failed|PANIC|restored log file|started streaming" || true
if [ "$streaming" = 1 ]; then
  echo "$primary streams from $leader $(awk -v a="$started" -v b="$(date -u +%s.%N)" 'BEGIN{printf "%.1f", b - a}') s after docker start; rows on both:" \
    "$(sql "$leader" 'SELECT count(*) FROM rewind_probe')/$(sql "$primary" 'SELECT count(*) FROM rewind_probe')"
else
  echo "$primary does not stream from $leader 90 s after docker start" >&2; exit 1
fi
