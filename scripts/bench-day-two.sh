#!/usr/bin/env bash
# Issue 21's benchmark (docs/BENCHMARKS.md): day-two operations on a `pgha up` stack under writers — add one replica
# (3 → 4 nodes) to a ~1 GB database and remove it again, a rolling restart of 3 nodes (shared_buffers through
# `pgha apply --spec`), a rolling image upgrade of 3 nodes (`pgha upgrade --image`, a re-tag of the local Spilo
# image), and one plain `pgha switchover` as the reference. For each: the command's time, the writers' longest gap between acknowledged writes (the write outage),
# failed writes, and acknowledged rows lost.
#   scripts/with-docker-lock scripts/bench-day-two.sh [RUNS] [SCALE]     # default 1 run, pgbench scale 68 (~1 GB)
# Makes stack bd2 (ports 44000-44095 on 127.0.0.1, its own config dir) and the tags pgha/spilo-17:bd2-a and :bd2-b,
# loads the database once, then repeats the four steps RUNS times on it (the upgrade alternates between the two tags,
# shared_buffers between 256MB and 192MB) and removes everything at the end, also on error or interrupt.
# Writers: scripts/BenchWriter.java, 2 connections through the write port, one INSERT every 10 ms each, the whole
# time. BENCH_DAY_TWO_OUT keeps the CLI's timestamped progress, the writers' log and the audit (default: a new
# /tmp/pgha-bench-day-two.* directory, kept; no secret in it). BENCH_DAY_TWO_BACKUPS=false: a stack without backups.
# BENCH_DAY_TWO_STEP_TIMEOUT: seconds per step (default 900); BENCH_DAY_TWO_DEADLINE (epoch seconds): no run is started
# that could end after it.
# Needs: the local images (stack/images/build-local.sh), the CLI built (./pgha builds it), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}; scale=${2:-68}
export JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
stack=bd2; step_timeout=${BENCH_DAY_TWO_STEP_TIMEOUT:-900}
deadline=${BENCH_DAY_TWO_DEADLINE:-}   # epoch seconds: start no further run after deadline - 5 step timeouts
say() { printf '[bench-day-two] %s %s\n' "$(date -u +%T)" "$*" >&2; }
now() { date +%s%6N; }

out=${BENCH_DAY_TWO_OUT:-$(mktemp -d /tmp/pgha-bench-day-two.XXXXXX)}; mkdir -p "$out"
secret=$(mktemp -d /tmp/pgha-bench-day-two-login.XXXXXX); chmod 700 "$secret"
export PGHA_CONFIG_DIR="$secret/config"
writer_pid=""
cleanup() {
  set +e
  touch "$secret/stop"
  [ -z "$writer_pid" ] || { wait "$writer_pid" 2>/dev/null; }
  [ ! -d "$PGHA_CONFIG_DIR" ] || ./pgha audit -c "$stack" --last 100 > "$out/audit.txt" 2>&1
  ./pgha down --name "$stack" --volumes --yes >/dev/null 2>&1
  docker rmi pgha/spilo-17:bd2-a pgha/spilo-17:bd2-b >/dev/null 2>&1
  rm -rf "$secret"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ports="ports: {write: 44000, read: 44001, stats: 44004, patroni: 44008, etcd: 44079, exporter: 44087, prometheus: 44095}"
spec() { # SHARED_BUFFERS: the stack's spec, with that shared_buffers when given
  printf 'name: %s\nimages: local\nmonitoring: {prometheus: false}\nbackups: {enabled: %s}\n%s\n' \
    "$stack" "${BENCH_DAY_TWO_BACKUPS:-true}" "$ports"
  [ -z "${1:-}" ] || printf 'postgresql: {parameters: {shared_buffers: %s}}\n' "$1"
}

# A pgha command, bounded, its output timestamped into LOG: timed LOG pgha ARGS…
timed() {
  local log=$1; shift
  timeout "$step_timeout" "$@" 2>&1 | while IFS= read -r line; do printf '%s %s\n' "$(date -u +%T.%3N)" "$line"; done > "$log"
}

say "pgha up $stack (load $(cut -d' ' -f1 /proc/loadavg))"
./pgha down --name "$stack" --volumes --yes >/dev/null 2>&1 || true
spec > "$secret/up.yml"
# Ports 44000-44095 lie in Linux's ephemeral range (32768-60999): a busy machine's loopback connections sometimes hold
# one of them for a moment, and `pgha up` then refuses (preflight) or fails at a container's start. Up to 3 attempts.
for attempt in 1 2 3; do
  timed "$out/up.log" ./pgha up --spec "$secret/up.yml" && break
  say "pgha up failed (attempt $attempt): $(tail -1 "$out/up.log" | cut -c1-300)"
  ./pgha down --name "$stack" --volumes --yes >/dev/null 2>&1 || true
  [ "$attempt" != 3 ] || exit 1
  sleep 10
done
./pgha credentials -c "$stack" --json > "$secret/credentials.json"
./pgha status "$stack" --json --timeout 20s > "$secret/status.json"
scripts/stack-login.py "$secret"
# shellcheck disable=SC1091
. "$secret/env"
python3 - "$secret" <<'PY'
import json, os, sys
w = sys.argv[1]; c = json.load(open(os.path.join(w, "credentials.json"))); app = c["application"]
path = os.path.join(w, "login.properties")
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
esc = lambda v: v.replace("\\", "\\\\").replace("\n", "\\n")
with os.fdopen(fd, "w") as f:
    f.write("url=%s\nuser=%s\npassword=%s\nsslrootcert=%s\n" % (
        esc("jdbc:postgresql://127.0.0.1:44000/" + c["database"]), esc(app["user"]), esc(app["password"]),
        esc(os.path.join(w, "ca.crt"))))
PY
psql_w() { PGPASSFILE="$secret/pgpass" psql -X -qtA "host=127.0.0.1 port=44000 dbname=$db user=$user sslmode=verify-full sslrootcert=$secret/ca.crt connect_timeout=5" "$@"; }
node=$(docker ps --filter "label=io.pgha.stack=$stack" --filter "label=io.pgha.role=postgres" --format '{{.Names}}' | head -1)
image=$(docker inspect -f '{{.Config.Image}}' "$node")
network=$(docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' "$node")

say "pgbench -i -s $scale through the router (server-side generation)"
t=$(now)
docker run --rm --network "$network" -v "$secret:/w:ro" -e PGPASSFILE=/w/pgpass --entrypoint pgbench "$image" \
  -i -s "$scale" -I dtGvp -q "host=pg-router port=5000 dbname=$db user=$user sslmode=verify-full sslrootcert=/w/ca.crt" \
  > "$out/pgbench-init.log" 2>&1
mb=$(psql_w -c "SELECT round(sum(pg_database_size(oid)) / 1048576.0) FROM pg_database")
say "loaded in $(( ($(now) - t) / 1000000 )) s: the cluster holds $mb MB"
psql_w -c "CREATE TABLE bench_writes (w int, n bigint, PRIMARY KEY (w, n))"
docker tag "$image" pgha/spilo-17:bd2-a
docker tag "$image" pgha/spilo-17:bd2-b

"$JAVA_HOME/bin/java" -cp 'pgha-cli/target/lib/*' scripts/BenchWriter.java "$secret/login.properties" \
  "$out/writes.log" "$secret/stop" 2 10 $(( step_timeout * 5 * runs + 600 )) 2> "$out/writer.err" &
writer_pid=$!
for _ in $(seq 60); do [ -s "$out/writes.log" ] && grep -q '^a ' "$out/writes.log" && break; sleep 1; done
grep -q '^a ' "$out/writes.log" || { say "the writers never wrote: $(head -3 "$out/writer.err" "$out/writes.log")"; exit 1; }

: > "$out/steps.tsv"
step() { # RUN NAME pgha ARGS…: runs the step under the writers, then reads which rows the table holds
  local run=$1 name=$2; shift 2
  local log="$out/run$run-$name.log" start end rc=0
  say "run $run: $name: $*"
  start=$(now)
  timed "$log" "$@" || rc=$?
  end=$(now)
  psql_w -c "SELECT w, n FROM bench_writes" > "$out/run$run-$name.rows"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "$start" "$end" "$rc" "$log" >> "$out/steps.tsv"
  [ "$rc" = 0 ] || say "run $run: $name failed (exit $rc): $(tail -3 "$log")"
}

for run in $(seq "$runs"); do
  if [ "$run" -gt 1 ] && [ -n "$deadline" ] && [ $(( $(date +%s) + 5 * step_timeout )) -gt "$deadline" ]; then
    say "no time for run $run before the deadline: stopping after $((run - 1))"; break
  fi
  if [ $((run % 2)) = 1 ]; then buffers=256MB; tag=bd2-a; else buffers=192MB; tag=bd2-b; fi
  step "$run" add-replica ./pgha scale -c "$stack" --nodes 4 --yes
  step "$run" remove-replica ./pgha scale -c "$stack" --nodes 3 --delete-volumes --yes
  spec "$buffers" > "$secret/params.yml"
  step "$run" rolling-restart ./pgha apply --spec "$secret/params.yml" --yes
  step "$run" rolling-upgrade ./pgha upgrade -c "$stack" --image "pgha/spilo-17:$tag" --yes
  # the reference: one plain switchover on the same stack under the same writers (what the target compares with)
  step "$run" switchover ./pgha switchover -c "$stack" --yes
done
touch "$secret/stop"; wait "$writer_pid" || true; writer_pid=""

python3 - "$out" "$mb" <<'PY'
import os, sys
out, mb = sys.argv[1], sys.argv[2]
acks, fails = [], []
for line in open(os.path.join(out, "writes.log")):
    p = line.split(" ", 4)
    if len(p) < 4: continue
    (acks if p[0] == "a" else fails).append((int(p[3]), int(p[1]), int(p[2])))
acks.sort(); fails.sort()
lost_before = set()
for row in open(os.path.join(out, "steps.tsv")):
    run, name, start, end, rc, log = row.rstrip("\n").split("\t")
    start, end = int(start), int(end)
    present = set()
    for l in open(os.path.join(out, "run%s-%s.rows" % (run, name))):
        if "|" in l:
            w, n = l.strip().split("|"); present.add((int(w), int(n)))
    lost = {(w, n) for t, w, n in acks if t <= end and (w, n) not in present} - lost_before
    lost_before |= lost
    times = [t for t, _, _ in acks if start < t <= end]
    gap, at, prev = 0, start, start
    for t in times + [end]:
        if t - prev > gap: gap, at = t - prev, prev
        prev = t
    failed = sum(1 for t, _, _ in fails if start < t <= end)
    took = next((l.rsplit("(", 1)[1].split(" s)")[0] for l in open(log) if " PostgreSQL node" in l and " s)." in l), "-")
    print("bench-day-two run=%s step=%s exit=%s time=%.1fs pgha_reported=%ss longest_gap=%.3fs gap_from=+%.1fs "
          "acked=%d failed=%d lost=%d db=%sMB" % (run, name, rc, (end - start) / 1e6, took, gap / 1e6,
          (at - start) / 1e6, len(times), failed, len(lost), mb))
print("logs: %s" % out)
PY
