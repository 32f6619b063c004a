#!/usr/bin/env bash
# Measures the write outage of a planned switchover on the committed stack (local images): a client writes
# through 127.0.0.1:5000 every 50 ms while pgha's switchover operation hands the leadership to the best
# replica, RUNS times (default 5); prints each run's longest gap between two acknowledged writes, and the
# median. Recreates the pg-ha stack first (fresh data, this branch's defaults) and leaves it running; holds the
# machine-wide Docker test lock.
#   scripts/bench-switchover.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
JAVA_HOME=$("$root/scripts/java-home.sh")
export JAVA_HOME
cd "$root"
log=$(mktemp /tmp/pgha-bench-switchover.XXXXXX)
if ! ./mvnw -B -pl pgha-cli -am verify -Dit.test=SwitchoverOutageBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.runs="$runs" >"$log" 2>&1; then
  tail -60 "$log"
  echo "bench-switchover: the benchmark failed; full log in $log" >&2
  exit 1
fi
rm -f "$log"
cat pgha-cli/target/bench-switchover.txt
