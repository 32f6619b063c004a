#!/usr/bin/env bash
# Builds the "local" image profile from Debian trixie packages: PostgreSQL 17 + Patroni (Spilo-compatible), etcd,
# HAProxy, the postgres exporter and Prometheus, the supervisor image (`pgha supervise` on a JRE), and the network
# drills' iptables and tc (pgha/net-fault, also built with --supervisor-only, when it can be). No container registry
# needed: the base comes from debian:trixie-slim when it is present or pullable, else from debootstrap (as root).
# Idempotent: images already built from the same recipe are kept. `pgha up` runs it when images are missing.
#
#   build-local.sh                        every local image, the supervisor included
#   build-local.sh --supervisor-only      only the supervisor image
#   build-local.sh --jre-image IMAGE      run the supervisor on IMAGE (e.g. eclipse-temurin:21-jre) instead of the
#                                         local JRE image
#   build-local.sh --from-source          build the supervisor's jars from this checkout's sources in a container
#                                         (what `docker compose build` does), even when built jars are at hand
#   build-local.sh --java-images          only the JDK and JRE images (pgha/jdk-21, pgha/jre-21) that the compose
#                                         file's supervisor build takes with local.env
#
# The supervisor runs the jars the pgha CLI runs on: PGHA_LIB_DIR, else an installed pgha's (beside stack/), else a
# built checkout's (pgha-cli/target). A checkout without built jars builds them from its sources in a container.
# Prints progress lines starting with [build-local], then the tags it made or found, one per line.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
tag=${PGHA_LOCAL_TAG:-local}
targets=(spilo etcd haproxy postgres-exporter prometheus)
declare -A image=([spilo]=pgha/spilo-17 [etcd]=pgha/etcd [haproxy]=pgha/haproxy [postgres-exporter]=pgha/postgres-exporter
                  [prometheus]=pgha/prometheus)
jre_local=pgha/jre-21:$tag
jdk_local=pgha/jdk-21:$tag
supervisor=pgha/supervisor:$tag
net_fault=pgha/net-fault:$tag

say()  { printf '[build-local] %s\n' "$*"; }
fail() { printf '[build-local] ERROR: %s\n' "$*" >&2; exit 1; }

supervisor_only=no; jre_image=""; from_source=no; java_only=no
while [ $# -gt 0 ]; do
  case "$1" in
    --supervisor-only) supervisor_only=yes ;;
    --jre-image) [ $# -ge 2 ] || fail "--jre-image needs an image, e.g. eclipse-temurin:21-jre"; jre_image=$2; shift ;;
    --from-source) from_source=yes ;;
    --java-images) java_only=yes ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown argument '$1' (see $0 --help)" ;;
  esac
  shift
done

docker info >/dev/null 2>&1 || fail "the Docker engine is not reachable; start it (sudo scripts/prepare-machine.sh, or: sudo dockerd &) and run me again"

recipe=$(cd "$here" && find Dockerfile spilo -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
mirror=$("$here/debian-mirror.sh")
log=$(mktemp /tmp/pgha-build-local.XXXXXX.log)
cleanup=("$log")
trap 'rm -rf "${cleanup[@]}"' EXIT

label_of() { docker image inspect -f "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# docker build, its "Step N/M" lines shown as progress; the whole output kept in $log for a failure.
build() {
  local what=$1; shift
  local rc=0
  { docker build "$@" 2>&1 || echo "pgha-build-failed $?"; } | tee -a "$log" | while IFS= read -r line; do
    case "$line" in
      "Step "*) step=${line#Step }; say "  $what: step ${step%% :*}" ;;
      pgha-build-failed*) exit 1 ;;
    esac
  done || rc=1
  if [ "$rc" -ne 0 ]; then
    tail -30 "$log" >&2
    keep=/tmp/pgha-build-local-failed.log; cp "$log" "$keep"
    fail "docker build of $what failed (full log: $keep)"
  fi
}

base_image=""
find_base() {
  [ -z "$base_image" ] || return 0
  local known
  known=$(label_of "${image[spilo]}:$tag" org.pgha.base)
  if [ -n "$known" ] && docker image inspect "$known" >/dev/null 2>&1; then base_image=$known; return; fi
  if docker image inspect debian:trixie-slim >/dev/null 2>&1; then base_image=debian:trixie-slim; return; fi
  if timeout 60 docker pull -q debian:trixie-slim >/dev/null 2>&1; then
    say "pulled debian:trixie-slim"; base_image=debian:trixie-slim; return
  fi
  if docker image inspect pgha/trixie-minbase:latest >/dev/null 2>&1; then base_image=pgha/trixie-minbase:latest; return; fi
  command -v debootstrap >/dev/null || fail "debian:trixie-slim cannot be pulled and debootstrap is missing; install it (apt-get install debootstrap) or load debian:trixie-slim with docker load"
  [ "$(id -u)" -eq 0 ] || fail "debian:trixie-slim cannot be pulled (no registry), and making the base image with debootstrap needs root, once: run sudo $0 (or sudo pgha up), then carry on as yourself"
  local rootfs
  rootfs=$(mktemp -d /var/tmp/pgha-rootfs.XXXXXX)
  cleanup+=("$rootfs" "$rootfs.log")
  say "base image: debootstrap of Debian trixie (minbase) from $mirror, about a minute"
  debootstrap --variant=minbase trixie "$rootfs" "$mirror" > "$rootfs.log" 2>&1 \
    || { tail -20 "$rootfs.log" >&2; fail "debootstrap failed (log above)"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  # tar keeps modes (a copy that loses them leaves /tmp unwritable and initdb fails).
  tar -C "$rootfs" -c . | docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' - pgha/trixie-minbase:latest >/dev/null
  rm -rf "$rootfs"
  base_image=pgha/trixie-minbase:latest
  say "base image pgha/trixie-minbase:latest made"
}

# The build context of stack/images/Dockerfile: its recipe, and the host's certificate authorities (the jdk target
# trusts them, so Maven inside it reaches Maven Central wherever the host does).
context=""
make_context() {
  [ -z "$context" ] || return 0
  context=$(mktemp -d /tmp/pgha-images-ctx.XXXXXX)
  cleanup+=("$context")
  cp -r "$here/Dockerfile" "$here/spilo" "$context/"
  mkdir "$context/host-ca"
  local bundle=/etc/ssl/certs/ca-certificates.crt
  [ ! -r "$bundle" ] || awk -v dir="$context/host-ca" '/BEGIN CERTIFICATE/{n++} n{print > (dir "/host-" n ".crt")}' "$bundle"
}

# One target of stack/images/Dockerfile, unless an image of the same recipe is there.
local_target() {
  local target=$1 ref=$2
  if [ "$(label_of "$ref" org.pgha.recipe)" = "$recipe" ]; then
    say "$ref is up to date"
    return
  fi
  find_base
  make_context
  say "building $ref (target $target, base $base_image)"
  build "$ref" --target "$target" --build-arg BASE_IMAGE="$base_image" --build-arg DEBIAN_MIRROR="$mirror" \
      --label org.pgha.recipe="$recipe" --label org.pgha.base="$base_image" -t "$ref" "$context"
}

supervisor_jars() {
  if [ -n "${PGHA_LIB_DIR:-}" ]; then
    [ -d "$PGHA_LIB_DIR" ] || fail "PGHA_LIB_DIR=$PGHA_LIB_DIR is not a directory"
    find "$PGHA_LIB_DIR" -maxdepth 1 -name '*.jar' ! -name '*-tests.jar' | LC_ALL=C sort
    return
  fi
  local installed="$here/../.." target="$here/../../pgha-cli/target"
  if compgen -G "$installed/pgha-cli-*.jar" >/dev/null; then
    # an installed pgha: the jars sit beside the stack directory
    find "$installed" -maxdepth 1 -name '*.jar' ! -name 'javafx-*' ! -name 'console-app-*' ! -name 'atlantafx-*' \
      ! -name 'controlsfx-*' | LC_ALL=C sort
    return
  fi
  if compgen -G "$target/pgha-cli-*.jar" >/dev/null && [ -f "$target/runtime-classpath.txt" ]; then
    # exactly the jars of the last build (target/lib may still hold other versions from earlier ones)
    { find "$target" -maxdepth 1 -name 'pgha-cli-*.jar' ! -name '*-tests.jar'
      tr ':' '\n' < "$target/runtime-classpath.txt" | sed "/^$/d; s|^|$target/|"; } | LC_ALL=C sort
  fi
}

supervisor_from_jars() {
  local jars=$1 jre=$2 sup_recipe ctx
  sup_recipe=$( { sha256sum "$here/supervisor/jars.Dockerfile" | cut -c1-64; echo "$jre $(docker image inspect -f '{{.Id}}' "$jre" 2>/dev/null || true)"
                  echo "$jars" | xargs sha256sum | awk '{print $1}'; } | sha256sum | cut -c1-16)
  if [ "$(label_of "$supervisor" org.pgha.recipe)" = "$sup_recipe" ]; then
    say "$supervisor is up to date with the pgha jars"
    return
  fi
  # the same jars were built before (another checkout or version took the tag since): tag that image again
  local earlier
  earlier=$(docker images -q --no-trunc --filter "label=org.pgha.recipe=$sup_recipe" | head -1)
  if [ -n "$earlier" ] && docker tag "$earlier" "$supervisor" 2>/dev/null; then
    say "$supervisor tagged again: the image built earlier from these pgha jars"
    return
  fi
  ctx=$(mktemp -d /tmp/pgha-supervisor-ctx.XXXXXX)
  cleanup+=("$ctx")
  mkdir "$ctx/lib"
  echo "$jars" | xargs -I{} cp {} "$ctx/lib/"
  say "building $supervisor from the pgha jars ($(echo "$jars" | wc -l) files) on $jre"
  build "$supervisor" -f "$here/supervisor/jars.Dockerfile" --build-arg JRE_IMAGE="$jre" \
      --label org.pgha.recipe="$sup_recipe" -t "$supervisor" "$ctx"
}

supervisor_from_source() {
  local root jdk=$1 jre=$2
  root=$(cd "$here/../.." && pwd)
  [ -x "$root/mvnw" ] && [ -d "$root/pgha-cli/src/main" ] \
    || fail "no pgha jars to run the supervisor on and no sources to build them from; set PGHA_LIB_DIR to the directory of the pgha jars"
  say "building $supervisor from the sources in $root (Maven in $jdk, about 2 minutes the first time)"
  build "$supervisor" -f "$here/supervisor/Dockerfile" --build-arg JDK_IMAGE="$jdk" --build-arg JRE_IMAGE="$jre" \
      --label org.pgha.recipe=source -t "$supervisor" "$root"
}

# The network drills' tools (iptables, tc; stack/images/net-fault): their own recipe, so a change there rebuilds only
# this small image; built whatever the profile, since a drill runs it beside a node of any stack.
net_fault_image() {
  local ref=$net_fault nf_recipe
  nf_recipe=$(sha256sum "$here/net-fault/Dockerfile" | cut -c1-16)
  if [ "$(label_of "$ref" org.pgha.recipe)" = "$nf_recipe" ]; then
    say "$ref is up to date"
    return
  fi
  find_base
  say "building $ref (base $base_image)"
  build "$ref" --build-arg BASE_IMAGE="$base_image" --build-arg DEBIAN_MIRROR="$mirror" \
      --label org.pgha.recipe="$nf_recipe" --label org.pgha.base="$base_image" -t "$ref" "$here/net-fault"
}

if [ "$java_only" = yes ]; then
  local_target jre "$jre_local"
  local_target jdk "$jdk_local"
  printf '%s\n' "$jre_local" "$jdk_local"
  exit 0
fi

if [ "$supervisor_only" = no ]; then
  n=${#targets[@]}; i=0
  for t in "${targets[@]}"; do
    i=$((i + 1))
    say "($i/$((n + 2))) ${image[$t]}:$tag"
    local_target "$t" "${image[$t]}:$tag"
  done
  say "($((n + 1))/$((n + 2))) $net_fault"
fi
if [ "$supervisor_only" = no ]; then
  net_fault_image
elif ! ( net_fault_image ); then
  say "could not build $net_fault (above); only the network drills need it: run $0 to see why"
fi
[ "$supervisor_only" = yes ] || say "($((n + 2))/$((n + 2))) $supervisor"

jre=${jre_image:-$jre_local}
[ -n "$jre_image" ] || local_target jre "$jre_local"
jars=""
[ "$from_source" = yes ] || jars=$(supervisor_jars)
if [ -n "$jars" ]; then
  supervisor_from_jars "$jars" "$jre"
else
  jdk=$jdk_local
  case "$jre" in pgha/*) local_target jdk "$jdk_local" ;; *) jdk=eclipse-temurin:21-jdk ;; esac
  supervisor_from_source "$jdk" "$jre"
fi

if [ "$supervisor_only" = no ]; then
  for t in "${targets[@]}"; do echo "${image[$t]}:$tag"; done
fi
echo "$net_fault"
echo "$supervisor"
