#!/usr/bin/env bash
# The observation benchmark (docs/BENCHMARKS.md, "Observation"): how long after etcd the monitor shows a
# new leader (planned switchovers through Patroni's REST API), and the wall time of `pgha status`.
# Needs a running cluster; by default the committed stack:
#   stack/images/build-local.sh && stack/stack.sh up --local
# Usage: scripts/bench-observation.sh [--etcd URLS] [--scope SCOPE] [--switchovers N] [--status-runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-$(scripts/java-home.sh)}"
./mvnw -B -q -pl ha-runtime compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
exec "$JAVA_HOME/bin/java" -cp "ha-runtime/target/classes:$(cat ha-runtime/target/bench-classpath.txt)" \
    io.pgha.runtime.bench.ObservationBenchmark "$@"
