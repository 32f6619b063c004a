#!/usr/bin/env bash
# Builds the "local" image profile from Debian trixie packages: PostgreSQL 17 + Patroni
# (Spilo-compatible), etcd, HAProxy and the postgres exporter. No container registry needed:
# the base comes from debian:trixie-slim when it is present or pullable, else from debootstrap.
# Idempotent: images already built from the same recipe are kept. Prints the tags it made.
# The supervisor image (pgha supervise) also needs the pgha jars: from PGHA_LIB_DIR, an installed pgha
# (the jars beside stack/), or a built checkout (ha-runtime/target); without them it is skipped with a message.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tag=${PGHA_LOCAL_TAG:-local}
targets=(spilo etcd haproxy postgres-exporter)
declare -A image=([spilo]=pgha/spilo-17 [etcd]=pgha/etcd [haproxy]=pgha/haproxy [postgres-exporter]=pgha/postgres-exporter)

say()  { printf '[build-local] %s\n' "$*"; }
fail() { printf '[build-local] ERROR: %s\n' "$*" >&2; exit 1; }

docker info >/dev/null 2>&1 || fail "the Docker engine is not reachable; start it (sudo scripts/prepare-machine.sh, or: sudo dockerd &) and run me again"

recipe=$(cd "$here" && find Dockerfile spilo -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
mirror=$("$here/debian-mirror.sh")

current=yes
for t in "${targets[@]}"; do
  label=$(docker image inspect -f '{{index .Config.Labels "org.pgha.recipe"}}' "${image[$t]}:$tag" 2>/dev/null || true)
  [ "$label" = "$recipe" ] || current=no
done
supervisor_jars() {
  if [ -n "${PGHA_LIB_DIR:-}" ]; then
    [ -d "$PGHA_LIB_DIR" ] || fail "PGHA_LIB_DIR=$PGHA_LIB_DIR is not a directory"
    find "$PGHA_LIB_DIR" -maxdepth 1 -name '*.jar' | LC_ALL=C sort
    return
  fi
  local installed="$here/../.." target="$here/../../ha-runtime/target"
  if compgen -G "$installed/ha-runtime-*.jar" >/dev/null; then
    # an installed pgha: the jars sit beside the stack directory
    find "$installed" -maxdepth 1 -name '*.jar' ! -name 'javafx-*' ! -name 'console-app-*' ! -name 'atlantafx-*' \
      ! -name 'controlsfx-*' | LC_ALL=C sort
    return
  fi
  if compgen -G "$target/ha-runtime-*.jar" >/dev/null && [ -d "$target/lib" ]; then
    { ls "$target"/ha-runtime-*.jar | grep -v -- '-tests.jar$'; find "$target/lib" -maxdepth 1 -name '*.jar'; } | LC_ALL=C sort
  fi
}

build_supervisor() {
  local jars sup_recipe label ctx
  jars=$(supervisor_jars)
  if [ -z "$jars" ]; then
    say "supervisor image skipped: no pgha jars found (build the project with ./mvnw package, or set PGHA_LIB_DIR)"
    return
  fi
  sup_recipe=$( { echo "$recipe"; echo "$jars" | xargs sha256sum | awk '{print $1}'; } | sha256sum | cut -c1-16)
  label=$(docker image inspect -f '{{index .Config.Labels "org.pgha.recipe"}}' "pgha/supervisor:$tag" 2>/dev/null || true)
  if [ "$label" = "$sup_recipe" ]; then
    echo "pgha/supervisor:$tag"
    return
  fi
  ctx=$(mktemp -d /tmp/pgha-supervisor-ctx.XXXXXX)
  cp -r "$here/Dockerfile" "$here/spilo" "$ctx/"
  mkdir "$ctx/supervisor-lib"
  echo "$jars" | xargs -I{} cp {} "$ctx/supervisor-lib/"
  say "building pgha/supervisor:$tag (the pgha jars on a JRE)"
  docker build --target supervisor --build-arg BASE_IMAGE="$base_image" --build-arg DEBIAN_MIRROR="$mirror" \
      --label org.pgha.recipe="$sup_recipe" -t "pgha/supervisor:$tag" "$ctx" >>"$log" 2>&1 \
    || { rm -rf "$ctx"; tail -30 "$log" >&2; fail "docker build of the supervisor failed (full log: $log)"; }
  rm -rf "$ctx"
  echo "pgha/supervisor:$tag"
}

log=$(mktemp /tmp/pgha-build-local.XXXXXX.log)
if [ "$current" = yes ]; then
  say "images are up to date with recipe $recipe:"
  for t in "${targets[@]}"; do echo "${image[$t]}:$tag"; done
  base_image=$(docker image inspect -f '{{index .Config.Labels "org.pgha.base"}}' "${image[spilo]}:$tag" 2>/dev/null || true)
  base_image=${base_image:-pgha/trixie-minbase:latest}
  build_supervisor
  rm -f "$log"
  exit 0
fi

base=""
if docker image inspect debian:trixie-slim >/dev/null 2>&1; then
  base=debian:trixie-slim
elif timeout 60 docker pull -q debian:trixie-slim >/dev/null 2>&1; then
  base=debian:trixie-slim; say "pulled debian:trixie-slim"
elif docker image inspect pgha/trixie-minbase:latest >/dev/null 2>&1; then
  base=pgha/trixie-minbase:latest
else
  command -v debootstrap >/dev/null || fail "debian:trixie-slim cannot be pulled and debootstrap is missing; install it (apt-get install debootstrap) or load debian:trixie-slim with docker load"
  [ "$(id -u)" -eq 0 ] || fail "debian:trixie-slim cannot be pulled; making the base with debootstrap needs root: run me with sudo"
  rootfs=$(mktemp -d /var/tmp/pgha-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  say "debian:trixie-slim cannot be pulled; making the base with debootstrap from $mirror"
  debootstrap --variant=minbase trixie "$rootfs" "$mirror" > "$rootfs.log" 2>&1 \
    || { tail -20 "$rootfs.log" >&2; fail "debootstrap failed (full log: $rootfs.log)"; }
  rm -f "$rootfs.log"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  # tar keeps modes (a copy that loses them leaves /tmp unwritable and initdb fails).
  tar -C "$rootfs" -c . | docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' - pgha/trixie-minbase:latest >/dev/null
  rm -rf "$rootfs"; trap - EXIT
  base=pgha/trixie-minbase:latest
  say "base image pgha/trixie-minbase:latest made"
fi

for t in "${targets[@]}"; do
  say "building ${image[$t]}:$tag (target $t, base $base)"
  docker build --target "$t" --build-arg BASE_IMAGE="$base" --build-arg DEBIAN_MIRROR="$mirror" \
      --label org.pgha.recipe="$recipe" --label org.pgha.base="$base" -t "${image[$t]}:$tag" "$here" >>"$log" 2>&1 \
    || { tail -30 "$log" >&2; fail "docker build of target $t failed (full log: $log)"; }
done
say "built with recipe $recipe:"
for t in "${targets[@]}"; do echo "${image[$t]}:$tag"; done
base_image=$base
build_supervisor
rm -f "$log"
