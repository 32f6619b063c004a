#!/usr/bin/env bash
# What the router costs a client: pgbench's select-only latency and rate through pg-router:5000 (HAProxy in TCP mode,
# TLS end to end with PostgreSQL) against the primary's own port 5432, from one container on the stack's network, the
# two targets alternating so that the machine's load touches both alike. Once on a kept connection, once with a new
# connection (TLS handshake and SCRAM login included) per transaction (pgbench -C).
#   scripts/with-docker-lock scripts/bench-router.sh [STACK] [SECONDS] [ROUNDS]     # default: pg-ha 10 3
# Needs a running `pgha up` stack (its stored credentials: the application login, the cluster's CA). The password reaches
# the container as a pgpass file (owner-only, removed at the end), never on a command line or in its environment.
# pgbench's tables (scale 1) are made in the application database first and dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
stack=${1:-pg-ha}; seconds=${2:-10}; rounds=${3:-3}
export JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}

work=$(mktemp -d /tmp/pgha-bench-router.XXXXXX); chmod 700 "$work"
trap 'rm -rf "$work"' EXIT
./pgha credentials -c "$stack" --json > "$work/credentials.json"
./pgha status "$stack" --json --timeout 20s > "$work/status.json"
scripts/stack-login.py "$work"
# shellcheck disable=SC1091
. "$work/env"
# the image the stack's nodes run (it has pgbench), from any of its PostgreSQL containers
image=$(docker ps --filter "network=$stack" --filter "label=io.pgha.role=postgres" --format '{{.Image}}' | head -1)
[ -n "$image" ] || image=pgha/spilo-17:local

conn() { echo "host=$1 port=$2 dbname=$db user=$user sslmode=verify-full sslrootcert=/w/ca.crt"; }
bench() {  # target host, port, extra pgbench flags
  docker run --rm --network "$stack" -v "$work:/w:ro" -e PGPASSFILE=/w/pgpass --entrypoint pgbench "$image" \
    -n -S -c 1 -j 1 -T "$seconds" $3 "$(conn "$1" "$2")" 2>&1 \
    | sed -n -e 's/^latency average = \([0-9.]*\) ms/\1/p' -e 's/^tps = \([0-9.]*\) .*/\1/p' | paste -sd' ' \
    | awk '{ printf "%.3f ms (%.0f/s)", $1, $2 }'
}
docker run --rm --network "$stack" -v "$work:/w:ro" -e PGPASSFILE=/w/pgpass --entrypoint pgbench "$image" \
  -i -s 1 -q "$(conn pg-router 5000)" >/dev/null 2>&1
echo "stack $stack, leader $leader, $seconds s per run, $rounds rounds, load $(cut -d' ' -f1 /proc/loadavg)" >&2
printf '| round | kept connection: router | direct | new connection each: router | direct |\n|---|---|---|---|---|\n'
for r in $(seq "$rounds"); do
  rk=$(bench pg-router 5000 ""); dk=$(bench "$leader" 5432 "")
  rc=$(bench pg-router 5000 -C); dc=$(bench "$leader" 5432 -C)
  printf '| %s | %s | %s | %s | %s |\n' "$r" "$rk" "$dk" "$rc" "$dc"
done
docker run --rm --network "$stack" -v "$work:/w:ro" -e PGPASSFILE=/w/pgpass --entrypoint pgbench "$image" \
  -i -I d "$(conn pg-router 5000)" >/dev/null 2>&1
