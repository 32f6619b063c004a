#!/usr/bin/env bash
# Backups on a pgbench database of about 1 GB (issue 19's benchmark, docs/BENCHMARKS.md): pgBackRest's full backup
# against a plain pg_basebackup of the same cluster (time, throughput, ratio), a differential backup after 5 % of the
# rows changed, the archive's lag under a pgbench write load, the primary's pgbench TPS with and without a backup
# running (ratio), and a restore to a time into a new stack.
#   scripts/with-docker-lock scripts/bench-backup.sh STACK [SCALE] [SECONDS]     # default scale 68 (~1 GB), 20 s
# Needs a running `pgha up` stack with backups on (its stored credentials). The restore's new stack is STACK-r on the
# ports of $PGHA_BENCH_RESTORE_SPEC (a spec file; default: ports 27000-27791) and is removed at the end. pgbench's
# tables are made in the application database and dropped at the end; the pg_basebackup copy is deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
stack=${1:?usage: $0 STACK [SCALE] [SECONDS]}; scale=${2:-68}; seconds=${3:-20}
export JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
say() { printf '[bench-backup] %s\n' "$*" >&2; }

work=$(mktemp -d /tmp/pgha-bench-backup.XXXXXX); chmod 700 "$work"
restored="$stack-r"
cleanup() {
  ./pgha down --name "$restored" --volumes --yes >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
./pgha credentials -c "$stack" --json > "$work/credentials.json"
./pgha status "$stack" --json --timeout 20s > "$work/status.json"
scripts/stack-login.py "$work"
# shellcheck disable=SC1091
. "$work/env"
node=$(docker ps --filter "label=io.pgha.stack=$stack" --filter "label=io.pgha.role=postgres" --format '{{.Names}}' \
  | grep -- "-$leader\$" | head -1)
[ -n "$node" ] || { say "no container of $stack's leader $leader"; exit 1; }
image=$(docker inspect -f '{{.Config.Image}}' "$node")
network=$(docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' "$node")
conn="host=pg-router port=5000 dbname=$db user=$user sslmode=verify-full sslrootcert=/w/ca.crt"
pgbench() { docker run --rm --network "$network" -v "$work:/w:ro" -e PGPASSFILE=/w/pgpass --entrypoint pgbench "$image" "$@" "$conn"; }
tps() { pgbench -n -c 4 -j 2 -T "$seconds" 2>&1 | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'; }
sql() { docker exec -u postgres "$node" psql -X -qtA -d postgres -c "$1"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
backup_json() { ./pgha backup list -c "$stack" --json | python3 -c 'import json,sys; b=json.load(sys.stdin)["backups"][-1]; print(b.get("id"), b.get("type"), b.get("size", b.get("sizeBytes", "?")), b.get("repositorySize", b.get("repositorySizeBytes", "?")))'; }

say "stack $stack, leader $leader ($node), pgbench scale $scale, load $(cut -d' ' -f1 /proc/loadavg)"
t=$(now); pgbench -i -s "$scale" -q >/dev/null 2>&1; init=$(secs "$t" "$(now)")
dbsize=$(sql "SELECT pg_database_size(current_database()) + (SELECT sum(pg_database_size(oid)) FROM pg_database WHERE datname <> current_database())")
mb=$(awk -v b="$dbsize" 'BEGIN { printf "%.0f", b / 1048576 }')
say "pgbench -i -s $scale: ${init} s, cluster ${mb} MB"

t=$(now); ./pgha backup now -c "$stack" --type full >/dev/null; full=$(secs "$t" "$(now)")
read -r fid _ _ _ <<<"$(backup_json)"
say "pgBackRest full backup $fid: ${full} s"
t=$(now); docker exec -u postgres "$node" sh -c 'rm -rf /home/postgres/pgdata/bench-basebackup && pg_basebackup -U standby -D /home/postgres/pgdata/bench-basebackup -Ft -X fetch -c fast' >/dev/null
plain=$(secs "$t" "$(now)")
docker exec -u postgres "$node" rm -rf /home/postgres/pgdata/bench-basebackup
say "pg_basebackup (tar, uncompressed) of the same cluster: ${plain} s"

docker exec -u postgres "$node" psql -X -qtA -d "$db" -c "UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid % 20 = 0" >/dev/null
t=$(now); ./pgha backup now -c "$stack" --type diff >/dev/null; diff=$(secs "$t" "$(now)")
say "differential backup after 5 % of the rows changed: ${diff} s"

# the archive's lag while pgbench writes: bytes between the current WAL position and the end of the newest archived
# segment, and seconds since it was archived, sampled every second
lagsql="SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint - ((('x' || substr(last_archived_wal, 9, 8))::bit(32)::bigint << 32) + ('x' || substr(last_archived_wal, 17, 8))::bit(32)::bigint * 16777216 + 16777216), extract(epoch FROM now() - last_archived_time)::numeric(10,1) FROM pg_stat_archiver"
( end=$((SECONDS + seconds)); while [ "$SECONDS" -lt "$end" ]; do sql "$lagsql" | tr '|' ' '; sleep 1; done ) > "$work/lag" &
sampler=$!
base=$(tps)
wait "$sampler" || true
mid() { sort -g | awk '{ v[NR] = $1 } END { printf "%s %s", v[int((NR + 1) / 2)], v[NR] }'; }
read -r bmed bmax <<<"$(cut -d' ' -f1 "$work/lag" | mid)"
read -r smed smax <<<"$(cut -d' ' -f2 "$work/lag" | mid)"
lag=$(awk -v a="$bmed" -v b="$bmax" -v c="$smed" -v d="$smax" 'BEGIN { printf "median %.1f MB, max %.1f MB behind; archived %.1f s ago (median), %.1f s (max)", a / 1048576, b / 1048576, c, d }')
say "pgbench -c 4 for ${seconds} s without a backup: ${base} tps; archive lag $lag"
( ./pgha backup now -c "$stack" --type full >/dev/null 2>&1 ) &
bk=$!
during=$(tps)
wait "$bk" || true
say "pgbench -c 4 for ${seconds} s while a full backup runs on the leader: ${during} tps"

target=$(sql "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
sleep 1
sql "SELECT pg_switch_wal()" >/dev/null
spec=${PGHA_BENCH_RESTORE_SPEC:-$work/restore.yml}
[ -f "$spec" ] || printf 'name: %s\nports: {write: 27000, read: 27001, stats: 27404, patroni: 27008, etcd: 27791, exporter: 27187, prometheus: 27090}\nmonitoring: {prometheus: false}\n' "$restored" > "$spec"
await_archived() { local until=$((SECONDS + 60)); while [ "$SECONDS" -lt "$until" ]; do [ "$(sql "SELECT last_archived_time > '$target'::timestamptz FROM pg_stat_archiver")" = t ] && return; sleep 1; done; }
await_archived
t=$(now); ./pgha restore -c "$stack" --into "$restored" --spec "$spec" --to "$target" >/dev/null; restore=$(secs "$t" "$(now)")
say "restore to $target into $restored (3 nodes): ${restore} s"
pgbench -i -I d >/dev/null 2>&1 || true

printf '| cluster | full backup (pgBackRest) | pg_basebackup | ratio | diff after 5 %% | TPS without / during a full backup | ratio | archive lag under pgbench | restore to a time, new stack |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
printf '| %s MB | %s s (%s MB/s) | %s s (%s MB/s) | %s | %s s | %s / %s | %s | %s | %s s |\n' \
  "$mb" "$full" "$(awk -v m="$mb" -v s="$full" 'BEGIN { printf "%.0f", m / s }')" \
  "$plain" "$(awk -v m="$mb" -v s="$plain" 'BEGIN { printf "%.0f", m / s }')" \
  "$(awk -v a="$full" -v b="$plain" 'BEGIN { printf "%.2f", a / b }')" "$diff" "$base" "$during" \
  "$(awk -v a="$during" -v b="$base" 'BEGIN { printf "%.2f", a / b }')" "$lag" "$restore"
