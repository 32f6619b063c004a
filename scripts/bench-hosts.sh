#!/usr/bin/env bash
# Issue 20's benchmark (docs/BENCHMARKS.md): the same cluster on this machine's engine and across three test hosts
# (scripts/test-hosts.sh) on the same machine — `pgha up` time, pgbench TPS through the router (the overlay network's
# cost, as a ratio), and the failover drills each placement runs (one engine: kill-primary and switchover; the Swarm:
# host-down and host-partition), each with its write outage, acknowledged rows lost and split-brain samples — and the
# same planned switchover in both placements, `pgha switchover --cluster NAME --yes` under the drill's writers
# (scripts/SwitchoverWrites.java: ha-runtime's WriteLoad, the drill's longest gap and lost rows), RUNS times each.
#   scripts/with-docker-lock scripts/bench-hosts.sh [SECONDS] [RUNS]     # default 20 s of pgbench, 1 run per drill
# Keeps the drills' JSON, the switchovers' JSON (with the CLI's output, stamped from the switchover's start), the
# PostgreSQL nodes' logs (Patroni) of those switchovers and the summary in PGHA_BENCH_OUT (default: a new
# /tmp/pgha-bench-hosts-result.XXXXXX, printed at the end).
# Makes stack bh1 on the local engine (ports 26100-26891) and pgha-bh on the test hosts PGHA_TEST_HOSTS_PREFIX
# (default pgha-th-bench on 192.168.244.0/24), and removes all of it at the end. pgbench (scale 10) logs in as the
# application user from an owner-only pgpass handed to its container on stdin, never on a command line.
# Needs: the local images (stack/images/build-local.sh), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; runs=${2:-1}
export JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
export PGHA_TEST_HOSTS_PREFIX=${PGHA_TEST_HOSTS_PREFIX:-pgha-th-bench}
export PGHA_TEST_HOSTS_SUBNET=${PGHA_TEST_HOSTS_SUBNET:-192.168.244.0/24}
say() { printf '[bench-hosts] %s\n' "$*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

work=$(mktemp -d /tmp/pgha-bench-hosts.XXXXXX); chmod 700 "$work"
out=${PGHA_BENCH_OUT:-$(mktemp -d /tmp/pgha-bench-hosts-result.XXXXXX)}; mkdir -p "$out"; chmod 700 "$out"
export PGHA_CONFIG_DIR="$work/config"
one=bh1; sw=pgha-bh
cleanup() {
  ./pgha down --name "$one" --volumes --yes >/dev/null 2>&1 || true
  ./pgha down -c "$sw" --volumes --yes >/dev/null 2>&1 || true
  scripts/test-hosts.sh down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# pgbench in a container on the stack's network, through the router: pgbench_on DOCKER_HOST_ARGS NETWORK IMAGE LOGIN ARGS…
pgbench_on() {
  local hostargs=$1 net=$2 img=$3 login=$4; shift 4
  . "$login/env"
  local conn="host=pg-router port=5000 dbname=$db user=$user sslmode=verify-full sslrootcert=/tmp/w/ca.crt"
  # shellcheck disable=SC2086,SC2016
  tar -C "$login" -c pgpass ca.crt | docker $hostargs run -i --rm --network "$net" --user root --entrypoint sh "$img" -c \
    'mkdir -p /tmp/w && tar -C /tmp/w -x && chmod 600 /tmp/w/pgpass && PGPASSFILE=/tmp/w/pgpass exec pgbench "$@"' \
    pgbench "$@" "$conn"
}
# The same switchover on either placement, under the drill's writers: switchover_writes CLUSTER LOGIN_DIR NAME
# (bounded: every wait in SwitchoverWrites is; 15 minutes at most in all).
switchover_writes() {
  local version jar
  version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
  jar="pgha-cli/target/pgha-cli-$version.jar:pgha-cli/target/lib/*"
  timeout 900 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xlog:disable -cp "$jar" \
    scripts/SwitchoverWrites.java "$1" "$runs" "$PWD/pgha" "$2/ca.crt" > "$out/$3.json" 2> "$out/$3.progress" || true
}
tps() { pgbench_on "$@" -n -c 4 -j 2 -T "$seconds" 2>&1 | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'; }
login() { # CLUSTER DIR: the application login of a cluster pgha knows, once it has a leader (at most 2 minutes)
  mkdir -p "$2"; chmod 700 "$2"
  ./pgha credentials -c "$1" --json > "$2/credentials.json"
  local deadline=$((SECONDS + 120))
  until ./pgha status "$1" --json --timeout 20s > "$2/status.json" 2>/dev/null \
      && scripts/stack-login.py "$2" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { say "$1 has no leader 120 s after pgha up"; return 1; }
    sleep 2 # polling period of a bounded wait
  done
}

# --- one engine ---
cat > "$work/one.yml" <<EOF
name: $one
images: local
monitoring: {prometheus: false}
ports: {write: 26100, read: 26101, stats: 26104, patroni: 26108, etcd: 26179, exporter: 26187, prometheus: 26190}
EOF
say "one engine: pgha up $one (load $(cut -d' ' -f1 /proc/loadavg))"
t=$(now); ./pgha up --spec "$work/one.yml" >/dev/null; up_one=$(secs "$t" "$(now)")
login "$one" "$work/one"
node=$(docker ps --filter "label=io.pgha.stack=$one" --filter "label=io.pgha.role=postgres" --format '{{.Names}}' | head -1)
img=$(docker inspect -f '{{.Config.Image}}' "$node")
net=$(docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' "$node")
pgbench_on "" "$net" "$img" "$work/one" -i -s 10 -q >/dev/null 2>&1
tps_one=$(tps "" "$net" "$img" "$work/one")
say "one engine: up ${up_one} s, pgbench ${tps_one} tps"
for drill in kill-primary switchover; do
  say "one engine: drill $drill x $runs"
  ./pgha drill "$drill" -c "$one" --runs "$runs" --json > "$out/one-$drill.json" || true
done
say "one engine: pgha switchover x $runs under the drill's writers"
since=$(date +%s)
switchover_writes "$one" "$work/one" one-pgha-switchover
for c in $(docker ps --filter "label=io.pgha.stack=$one" --filter "label=io.pgha.role=postgres" --format '{{.Names}}'); do
  docker logs --since "$since" "$c" > "$out/one-pgha-switchover-$c.log" 2>&1 || true
done
./pgha down --name "$one" --volumes --yes >/dev/null

# --- three hosts ---
say "three test hosts: scripts/test-hosts.sh up 3"
t=$(now); endpoint=$(scripts/test-hosts.sh up 3 2>/dev/null | tail -1); hosts_up=$(secs "$t" "$(now)")
names="$PGHA_TEST_HOSTS_PREFIX-1,$PGHA_TEST_HOSTS_PREFIX-2,$PGHA_TEST_HOSTS_PREFIX-3"
printf 'name: %s\nimages: local\nmonitoring: {prometheus: false}\n' "$sw" > "$work/sw.yml"
say "three hosts: pgha up --swarm $endpoint"
t=$(now); ./pgha up --swarm "$endpoint" --spec "$work/sw.yml" --hosts "$names" >/dev/null; up_sw=$(secs "$t" "$(now)")
login "$sw" "$work/sw"
swnet=$(docker -H "$endpoint" network ls --filter "label=com.docker.stack.namespace=$sw" --format '{{.Name}}' | head -1)
pgbench_on "-H $endpoint" "$swnet" "$img" "$work/sw" -i -s 10 -q >/dev/null 2>&1
tps_sw=$(tps "-H $endpoint" "$swnet" "$img" "$work/sw")
say "three hosts: up ${up_sw} s (hosts ${hosts_up} s before), pgbench ${tps_sw} tps"
say "three hosts: pgha switchover x $runs under the drill's writers"
since=$(date +%s)
switchover_writes "$sw" "$work/sw" sw-pgha-switchover
for h in 1 2 3; do # each test host's PostgreSQL node (Patroni's log) over the switchovers
  th="$PGHA_TEST_HOSTS_PREFIX-$h"
  for c in $(timeout 30 docker exec "$th" docker ps --filter "label=com.docker.stack.namespace=$sw" --format '{{.Names}}' \
      | grep -E "^${sw}_pg-[0-9]+\."); do # Swarm's tasks carry no io.pgha.role label
    timeout 30 docker exec "$th" docker logs --since "$since" "$c" > "$out/sw-pgha-switchover-$th-$c.log" 2>&1 || true
  done
done
for drill in host-down host-partition; do
  say "three hosts: drill $drill x $runs"
  ./pgha drill "$drill" -c "$sw" --runs "$runs" --json > "$out/sw-$drill.json" || true
done

python3 - "$out" "$up_one" "$up_sw" "$hosts_up" "$tps_one" "$tps_sw" "$seconds" <<'PY' | tee "$out/summary.md"
import json, os, statistics, sys
out, up_one, up_sw, hosts_up, tps_one, tps_sw, seconds = sys.argv[1:]
def secs(d):
    if d is None or d == '': return None
    if isinstance(d, (int, float)): return float(d)
    d = d.replace('PT', ''); m = 0.0
    if 'M' in d: mins, d = d.split('M'); m = float(mins) * 60
    return m + (float(d.rstrip('S')) if d else 0.0)
def load(path):
    if not os.path.exists(path): return None
    text = open(path).read()
    return json.loads(text[text.index('{'):]) if '{' in text else None
def row(doc, split_of):
    runs = [r for r in (doc or {}).get("runs", []) if r.get("writeOutage")]
    if not runs: return "did not run | - | - | -"
    outages = [secs(r["writeOutage"]) for r in runs]
    lost = sum(r.get("lostWrites", 0) for r in runs)
    each = ", ".join(f"{o:.2f}" for o in outages)
    return f"{statistics.median(outages):.2f} / {max(outages):.2f} s ({each}) | {lost} | {split_of(runs)} | {len(runs)}"
drill_split = lambda runs: sum(r.get("splitBrainSamples", r.get("splitBrainMoments", 0)) or 0 for r in runs)
cli_split = lambda runs: "not probed (acks by the old primary after the new one's first: %d)" % sum(
    r.get("oldPrimaryAcksAfterNewPrimary", 0) for r in runs)
ratio = float(tps_sw) / float(tps_one) if tps_one and tps_sw else float('nan')
print("| placement | pgha up | pgbench -c 4 through the router (%s s) |" % seconds)
print("|---|---|---|")
print(f"| one engine (bh1) | {up_one} s | {tps_one} tps |")
print(f"| three test hosts, Swarm (pgha-bh) | {up_sw} s (test-hosts up 3 before it: {hosts_up} s) | {tps_sw} tps ({ratio:.2f} of one engine) |")
print()
print("| placement | drill | write outage median / max (each run) | acknowledged rows lost | split-brain samples | runs |")
print("|---|---|---|---|---|---|")
for place, name, label, split in (
        ("one engine", "one-kill-primary", "kill-primary (drill)", drill_split),
        ("one engine", "one-switchover", "switchover (drill)", drill_split),
        ("one engine", "one-pgha-switchover", "pgha switchover, drill's writers", cli_split),
        ("three hosts", "sw-pgha-switchover", "pgha switchover, drill's writers", cli_split),
        ("three hosts", "sw-host-down", "host-down (drill)", drill_split),
        ("three hosts", "sw-host-partition", "host-partition (drill)", drill_split)):
    print(f"| {place} | {label} | " + row(load(os.path.join(out, name + ".json")), split) + " |")
print()
for name in ("one-pgha-switchover", "sw-pgha-switchover"):
    doc = load(os.path.join(out, name + ".json")) or {}
    for i, r in enumerate(doc.get("runs", []), 1):
        print(f"{name} run {i}: through {doc.get('router')}, CLI exit {r.get('cliExit')} after {r.get('cliSeconds')} s, "
              f"first write on the new primary after {r.get('newPrimaryAckAfter')}, notes {r.get('notes', r.get('note'))}")
PY
say "kept in $out: the drills' and switchovers' JSON, the switchovers' PostgreSQL logs, summary.md"
