#!/usr/bin/env bash
# The observation benchmark (docs/BENCHMARKS.md, "Observation"): how long after etcd the monitor shows a
# new leader (planned switchovers through Patroni's REST API), and the wall time of `./pgha status`.
# Needs a running cluster; by default the committed stack:
#   stack/images/build-local.sh && stack/stack.sh up --local
# Usage: scripts/bench-observation.sh [--etcd URLS] [--scope SCOPE] [--switchovers N] [--status-runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-$(scripts/java-home.sh)}"
./mvnw -B -q -pl pgha-cli -am package -DskipTests
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
exec "$JAVA_HOME/bin/java" -cp "pgha-cli/target/pgha-cli-$version.jar" io.pgha.runtime.bench.ObservationBenchmark --pgha ./pgha "$@"
