#!/usr/bin/env bash
# The console benchmark (docs/BENCHMARKS.md, "Console"): launch to first frame, idle CPU, RSS. Runs
# ConsoleBenchmark from the packaged jars with the JVM options and the class-data archive that `./pgha console`
# uses; the first run after a build is a short training run that writes the archive, as a user's first
# console does. Without a display it runs under xvfb-run (started before the launcher's clock, as a desktop is).
#   scripts/bench-console.sh                                       # a simulated cluster
#   PGHA_BENCH_CLUSTER=pg-ha PGHA_CONFIG_DIR=~/.config/pgha scripts/bench-console.sh   # a live, attached one
# PGHA_CONSOLE_CLASS_DATA=aot measures with JDK 25's AOT cache instead of the class-data archive, as the launcher takes it.
# PGHA_BENCH_SECONDS sets the idle windows: two of that length while the JIT warms up, then a steady one twice as
# long (default 60; the whole run takes about 4.5 min). PGHA_BENCH_TRACE=1 prints to stderr, pulse by pulse, which nodes
# asked for a layout or a repaint (io.pgha.console.SceneTrace): how the idle repaints of the Logs tab were found.
set -euo pipefail
# Without a display, the whole script runs under one Xvfb, started before anything is timed: a user's desktop has its
# display already, and xvfb-run around each JVM put the X server's own start (about 0.4 s) into "launcher to first
# frame" and "launcher to cluster drawn".
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "bench-console: no DISPLAY and no xvfb-run; install xvfb or run under a display" >&2; exit 1; }
  exec xvfb-run -a "$0" "$@"
fi
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/scripts/java-home.sh")
export JAVA_HOME
cd "$root"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
target=console-app/target
./mvnw -B -q -pl console-app -am package -DskipTests >/dev/null
tests="$target/console-bench-tests.jar"
if [ ! -f "$tests" ] || [ -n "$(find "$target/test-classes" -newer "$tests" -print -quit)" ]; then
  rm -f "$tests"
  "$JAVA_HOME/bin/jar" cf "$tests" -C "$target/test-classes" .
fi

opts=$(sed -n 's:.*<console.jvm.options>\(.*\)</console.jvm.options>.*:\1:p' console-app/pom.xml)
# The class data `./pgha console` uses: the dynamic class-data archive, or with PGHA_CONSOLE_CLASS_DATA=aot JDK 25's
# AOT cache, each written by a training run (JDKs before 25 have no AOT cache).
if [ "${PGHA_CONSOLE_CLASS_DATA:-archive}" != aot ] \
    || [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")" -lt 25 ]; then
  archive="$target/console-bench.jsa"
  cds="-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$archive"
  train="$cds"
else
  archive="$target/console-bench.aot"
  cds="-XX:AOTCache=$archive"
  train="-XX:AOTCacheOutput=$archive"
fi
jvmlog="-Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=off:stderr -Xlog:aot*=off:stderr"
classpath="$target/console-app-$version.jar:$target/lib/*:$tests"
# From here on, what `./pgha console` does before the JVM starts: find the JDK, read the JVM options (timed from the
# start of this, so the figures include the launcher's own share, as a user waits for it).
run() {
  local launched java_home quiet_jvm
  launched=$(date +%s%3N)
  java_home=$("$root/scripts/java-home.sh")
  opts=$(sed -n 's:.*<console.jvm.options>\(.*\)</console.jvm.options>.*:\1:p' console-app/pom.xml)
  quiet_jvm="--enable-native-access=ALL-UNNAMED"
  [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")" -lt 24 ] \
    || quiet_jvm="$quiet_jvm --sun-misc-unsafe-memory-access=allow"
  local prism=""
  if [ "$(uname -s)" = Linux ] && [ ! -e /dev/dri ]; then prism="-Dprism.order=sw"; export GDK_GL=disable; fi
  # shellcheck disable=SC2086
  PGHA_BENCH_LAUNCHED_AT=$launched "$java_home/bin/java" $opts $cds $prism $jvmlog $quiet_jvm \
    -cp "$classpath" io.pgha.console.ConsoleBenchmark
}
# The archive records the jars it was made from; after a build it no longer matches and the JVM would run
# without it, so make a fresh one first.
if [ ! -f "$archive" ] || [ -n "$(find "$target/console-app-$version.jar" "$target/lib" "$tests" -newer "$archive" -print -quit)" ]; then
  rm -f "$archive"
  echo "bench-console: training run to write the class data ($archive; first run after a build)" >&2
  started=$SECONDS
  cds="$train" PGHA_BENCH_SECONDS=1 run >/dev/null
  echo "bench-console: training run and writing the class data took $((SECONDS - started)) s" >&2
fi
run
