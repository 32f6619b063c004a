#!/usr/bin/env bash
# Side-by-side failover figures: the seed stack's settings vs pgha's defaults, same machine, same run.
#   scripts/with-docker-lock scripts/bench-failover.sh [RUNS] [DRILL...]
# The seed profile is rendered with `pgha export-compose --seed-settings --seed-security` and started with docker
# compose; the pgha profile is what `pgha up --images local` makes (TLS, logins, supervisor). Each runs every drill
# RUNS times with `pgha drill --json`, is removed, and finally the script
# prints one Markdown table (write outage median/max, acknowledged rows lost, split-brain runs), then pgha's phases run by
# run from its containers' logs (scripts/bench-failover-phases.py; the logs stay in $BENCH_OUT/pgha/logs).
# BENCH_PROFILES=pgha runs only pgha's side (the seed's columns then show "-"). BENCH_PGHA_UP_ARGS: more options for
# pgha's `pgha up` (e.g. --no-backups, to tell a feature's cost from the rest).
# Needs: the local images (stack/images/build-local.sh, after ./mvnw package for the supervisor), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; shift || true
drills=("$@"); [ ${#drills[@]} -gt 0 ] || drills=(kill-primary stop-primary crash-postgres partition-primary switchover)
out=${BENCH_OUT:-$(mktemp -d /tmp/pgha-bench-failover.XXXXXX)}
export JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
pgha() { ./pgha "$@"; }

for profile in ${BENCH_PROFILES:-seed pgha}; do
  dir="$out/$profile"; mkdir -p "$dir"
  export PGHA_CONFIG_DIR="$dir/config"
  if [ "$profile" = seed ]; then
    # the seed: its settings and its open control plane, as a compose project attached by etcd
    pgha export-compose --images local --seed-settings --seed-security --out "$dir" >/dev/null
    compose=(docker compose --env-file "$dir/local.env" -f "$dir/docker-compose.yml")
    "${compose[@]}" down --volumes --remove-orphans >/dev/null 2>&1 || true
    docker rm -f pg-supervisor >/dev/null 2>&1 || true
    echo "[$profile] starting the stack" >&2
    "${compose[@]}" up -d >/dev/null 2>&1
    pgha attach "bench-$profile" --scope pg-ha --etcd http://127.0.0.1:23791,http://127.0.0.1:23792,http://127.0.0.1:23793 >/dev/null
    env_file=(--env-file "$dir/.env.postgres")
    cluster="bench-$profile"
  else
    # pgha: what a user gets from `pgha up` (TLS, logins, the supervisor), its credentials stored by pgha
    echo "[$profile] starting the stack" >&2
    # shellcheck disable=SC2086 # word splitting of the extra options is wanted
    pgha up --images local ${BENCH_PGHA_UP_ARGS:-} >/dev/null
    env_file=()
    cluster=pg-ha
  fi
  for drill in "${drills[@]}"; do
    echo "[$profile] $drill x $runs" >&2
    pgha drill "$drill" --cluster "$cluster" --runs "$runs" --json "${env_file[@]}" > "$dir/$drill.json"
  done
  if [ "$profile" = seed ]; then
    "${compose[@]}" down --volumes --remove-orphans >/dev/null 2>&1 || true
  else
    # every node's, router's and supervisor's log on one clock, for the phases between the fault and the first write
    mkdir -p "$dir/logs"
    for c in $(docker ps -a --format '{{.Names}}' | grep -E '^pg-([0-9]+|supervisor.*|router.*)$'); do
      docker logs --timestamps "$c" > "$dir/logs/$c.log" 2>&1 || true
    done
    pgha down --volumes --yes >/dev/null
  fi
  unset PGHA_CONFIG_DIR
done

python3 - "$out" "${drills[@]}" <<'PY'
import json, sys, os
out, drills = sys.argv[1], sys.argv[2:]
def parse(d):
    # Jackson writes java.time.Duration as ISO-8601, e.g. PT2.24S or PT1M3.5S
    if d is None: return None
    d = d.replace('PT', ''); m = 0.0
    if 'M' in d: mins, d = d.split('M'); m = float(mins) * 60
    return m + (float(d.rstrip('S')) if d else 0.0)
def fmt(v): return "-" if v is None else f"{v:.2f} s"
print("| drill | seed: write outage median / max | pgha: write outage median / max | seed: lost rows / split-brain runs | pgha: lost rows / split-brain runs |")
print("|---|---|---|---|---|")
for drill in drills:
    cells = []
    for profile in ("seed", "pgha"):
        path = os.path.join(out, profile, drill + ".json")
        if not os.path.exists(path):
            cells.append(("-", "-", "-", "-", "-"))
            continue
        text = open(path).read()
        doc = json.loads(text[text.index("{"):])  # tolerate anything a JVM printed before the document
        s = doc["summary"]
        cells.append((fmt(parse(s["writeOutage"]["median"])), fmt(parse(s["writeOutage"]["max"])),
                      s["lostWritesTotal"], s["splitBrainRuns"], s["runs"]))
    (sm, sx, sl, sb, sn), (pm, px, pl, pb, pn) = cells
    n = pn if pn != "-" else sn
    print(f"| {drill} (n={n}) | {sm} / {sx} | {pm} / {px} | {sl} / {sb} | {pl} / {pb} |")
print(f"\nraw JSON: {out}")
PY

# pgha's phases, run by run: each event's first log line after the fault (node, router and supervisor logs, one clock)
if [ -d "$out/pgha/logs" ]; then
  echo
  scripts/bench-failover-phases.py "$out/pgha" "${drills[@]}" | tee "$out/pgha/phases.txt"
fi
