#!/usr/bin/env bash
# Kills the primary of a pgha-made stack RUNS times (at most 10) while WriteProbe writes through its write port, and
# prints each kill's time, the probe's failures and first acknowledgement, and the supervisor's log: the evidence
# docs/decisions/0064 reads, and the sessions the routers still hold on their write listeners once the probe ended. The killed container is started again after each run.
# Usage: scripts/probe/kill-primary-probe.sh STACK [RUNS]   (PGHA_CONFIG_DIR as for pgha; run under with-docker-lock)
set -euo pipefail
stack=$1; runs=${2:-3}; [ "$runs" -le 10 ] || { echo "at most 10 runs" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-$("$root/scripts/java-home.sh")}
jar=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
url=$("$root/pgha" credentials "$stack" | sed -n 's/^ *writes (primary): *postgresql:\/\/\([^:]*\):\([^@]*\)@\([^/]*\)\/\([^?]*\)?\(.*\)$/jdbc:postgresql:\/\/\3\/\4?user=\1\&password=\2\&\5/p' | sed 's/%2F/\//g')
[ -n "$url" ] || { echo "no write connection string for $stack (pgha credentials $stack)" >&2; exit 1; }
leader() { docker exec "$stack-pg-0" sh -c 'curl -sk https://localhost:8008/cluster' 2>/dev/null \
  | python3 -c 'import json,sys; m=json.load(sys.stdin)["members"]; l=[x["name"] for x in m if x["role"]=="leader" and x["state"]=="running"]; s=[x for x in m if x["state"]=="streaming"]; print(l[0] if len(l)==1 and len(s)==len(m)-1 else "")' 2>/dev/null || true; }
for run in $(seq 1 "$runs"); do
  lead=""; for _ in $(seq 1 90); do lead=$(leader); [ -n "$lead" ] && break; sleep 1; done
  [ -n "$lead" ] || { echo "run $run: no healthy cluster within 90 s" >&2; exit 1; }
  out=$(mktemp); "$JAVA_HOME/bin/java" -cp "$jar" "$here/WriteProbe.java" "$url" 10000 > "$out" 2>&1 &
  probe=$!
  for _ in $(seq 1 120); do grep -q ready "$out" && break; sleep 0.25; done
  sleep 2  # writes before the kill
  echo "run $run: killing $lead at $(date -u +%T.%N)"; docker kill "$stack-$lead" > /dev/null
  wait "$probe" || true
  grep -v ready "$out"; rm -f "$out"
  docker logs -t --since 12s "$stack-pg-supervisor" 2>&1 | grep -E "fenced|routed" || true
  python3 "$here/router-sessions.py" "$stack" || true  # the probe has ended: anything left is the router's own
  docker start "$stack-$lead" > /dev/null
done
