#!/usr/bin/env bash
# Prints the size of each installer the last build made (installers/target/installers), what it installs,
# and the two parts of the application: the jlink runtime and the application's jars and files.
# Build them first: ./mvnw -B package -DskipTests
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/installers/target/installers"
stage="$root/installers/target/jpackage"

size() { awk -v b="$1" 'BEGIN { printf "%6.1f MB (%5.1f MiB)", b / 1e6, b / 1048576 }'; }
row()  { printf '%-34s %-10s %s\n' "$1" "$2" "$(size "$3")"; }

shopt -s nullglob
installers=("$dir"/*.deb "$dir"/*.rpm "$dir"/*.msi "$dir"/*.dmg)
[ ${#installers[@]} -gt 0 ] || { echo "no installers in $dir; build them with: ./mvnw -B package -DskipTests" >&2; exit 1; }

for f in "${installers[@]}"; do
  name=$(basename "$f")
  row "$name" installer "$(stat -c %s "$f")"
  case "$f" in
    *.deb) row "$name" installed "$(( $(dpkg-deb -f "$f" Installed-Size) * 1024 ))" ;;
    *.rpm) command -v rpm >/dev/null && row "$name" installed "$(rpm -qp --queryformat '%{SIZE}' "$f" 2>/dev/null)" ;;
  esac
done
[ -d "$stage/runtime" ] && row "jlink runtime" on-disk "$(du -sb "$stage/runtime" | cut -f1)"
[ -d "$stage/input" ] && row "jars, JavaFX natives, stack/" on-disk "$(du -sb --exclude=markers "$stage/input" | cut -f1)"
[ -f "$stage/jlink-modules.args" ] && echo "runtime modules: $(sed 's/^--add-modules //' "$stage/jlink-modules.args")"
exit 0
