#!/usr/bin/env bash
# Prints the home of a JDK 21 or newer: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm.
set -euo pipefail
# The feature version from the JDK's release file (no JVM started: the launcher runs this before every command); a JDK
# without one is asked directly.
major() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  [ -n "$v" ] || v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  echo "$v"
}
ok() { [ -x "$1/bin/javac" ] && [ "$(major "$1")" -ge 21 ] 2>/dev/null; }
if [ -n "${JAVA_HOME:-}" ] && ok "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
best=""; best_major=0
for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
  [ -d "$d" ] && [ ! -L "$d" ] || continue
  if ok "$d"; then m=$(major "$d"); if [ "$m" -gt "$best_major" ]; then best=$d; best_major=$m; fi; fi
done
[ -n "$best" ] || { echo "no JDK 21+ found; set JAVA_HOME to one" >&2; exit 1; }
echo "$best"
