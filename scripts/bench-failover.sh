#!/usr/bin/env bash
# Side-by-side failover figures: the seed stack's settings vs pgha's defaults, same machine, same run.
#   scripts/with-docker-lock scripts/bench-failover.sh [RUNS] [DRILL...]
# For each settings profile it renders the stack with `pgha export-compose` (local images), starts it with
# docker compose, runs every drill RUNS times with `pgha drill --json`, removes the stack, and finally
# prints one Markdown table (write outage median/max, acknowledged rows lost, split-brain runs).
# Needs: the local images (stack/images/build-local.sh, after ./mvnw package for the supervisor), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}; shift || true
drills=("$@"); [ ${#drills[@]} -gt 0 ] || drills=(kill-primary stop-primary crash-postgres partition-primary switchover)
out=${BENCH_OUT:-$(mktemp -d /tmp/pgha-bench-failover.XXXXXX)}
export JAVA_HOME=${JAVA_HOME:-$(scripts/java-home.sh)}
pgha() { ./pgha "$@"; }

for profile in seed pgha; do
  dir="$out/$profile"; mkdir -p "$dir"
  flags=(--images local); [ "$profile" = seed ] && flags+=(--seed-settings)
  pgha export-compose "${flags[@]}" --out "$dir" >/dev/null
  compose=(docker compose --env-file "$dir/local.env" -f "$dir/docker-compose.yml")
  "${compose[@]}" down --volumes --remove-orphans >/dev/null 2>&1 || true
  docker rm -f pg-supervisor >/dev/null 2>&1 || true
  echo "[$profile] starting the stack" >&2
  "${compose[@]}" up -d >/dev/null 2>&1
  # every pgha command takes a known cluster: attach the compose stack in a config directory of the bench's own
  export PGHA_CONFIG_DIR="$dir/config"
  pgha attach "bench-$profile" --scope pg-ha --etcd http://127.0.0.1:23791,http://127.0.0.1:23792,http://127.0.0.1:23793 >/dev/null
  for drill in "${drills[@]}"; do
    echo "[$profile] $drill x $runs" >&2
    pgha drill "$drill" --cluster "bench-$profile" --runs "$runs" --json --env-file "$dir/.env.postgres" > "$dir/$drill.json"
  done
  unset PGHA_CONFIG_DIR
  "${compose[@]}" down --volumes --remove-orphans >/dev/null 2>&1 || true
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
        text = open(os.path.join(out, profile, drill + ".json")).read()
        doc = json.loads(text[text.index("{"):])  # tolerate anything a JVM printed before the document
        s = doc["summary"]
        cells.append((fmt(parse(s["writeOutage"]["median"])), fmt(parse(s["writeOutage"]["max"])),
                      s["lostWritesTotal"], s["splitBrainRuns"], s["runs"]))
    (sm, sx, sl, sb, n), (pm, px, pl, pb, _) = cells
    print(f"| {drill} (n={n}) | {sm} / {sx} | {pm} / {px} | {sl} / {sb} | {pl} / {pb} |")
print(f"\nraw JSON: {out}")
PY
