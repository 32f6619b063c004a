#!/usr/bin/env bash
# Test hosts on one machine: N Docker engines in containers on one bridge network, formed into a Swarm, so that a
# stack can be placed across "hosts" and a whole host can be lost (docs/decisions/0026).
#
#   test-hosts.sh up N [--images "IMG ..."|--no-images]   make N hosts (1..5), load the stack's images into each,
#                                     form a Swarm; the last line on stdout is the first manager's endpoint
#                                     (unix:///tmp/pgha-th/1/docker.sock), for docker -H and pgha up --swarm
#   test-hosts.sh down [--image]      remove every container, volume, network and folder up made (--image: the
#                                     test-host image too); never anything else of this machine's engine
#   test-hosts.sh status              the hosts, their Swarm nodes, and the endpoint when they are up
#
# Hosts are containers PREFIX-1..N (hostnames and Swarm node names the same) at fixed addresses .11, .12, ... of
# the network PREFIX-net, each engine's /var/lib/docker on the volume PREFIX-i-docker and its socket in DIR/i/. Hosts
# 1..3 are managers (1 when N < 3: two managers tolerate no loss), the rest workers. Every object carries the label
# io.pgha.test-hosts=PREFIX. Progress lines go to stderr, starting with [test-hosts].
# Environment: PGHA_TEST_HOSTS_PREFIX (pgha-th), PGHA_TEST_HOSTS_SUBNET (192.168.231.0/24: must not overlap the inner
# engines' ranges, 172.17.0.0/16 and up, 10.0.0.0/8), PGHA_TEST_HOSTS_DIR (/tmp/PREFIX), PGHA_TEST_HOSTS_IMAGES,
# PGHA_TEST_HOSTS_TIMEOUT (seconds for the whole of up, 600).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PGHA_TEST_HOSTS_PREFIX:-pgha-th}
subnet=${PGHA_TEST_HOSTS_SUBNET:-192.168.231.0/24}
dir=${PGHA_TEST_HOSTS_DIR:-/tmp/$prefix}
images=${PGHA_TEST_HOSTS_IMAGES:-pgha/spilo-17:local pgha/etcd:local pgha/haproxy:local pgha/supervisor:local pgha/postgres-exporter:local}
budget=${PGHA_TEST_HOSTS_TIMEOUT:-600}
host_image=pgha/test-host:local
label=io.pgha.test-hosts=$prefix
network=$prefix-net
max_hosts=5

say()  { printf '[test-hosts] %3ds %s\n' "$SECONDS" "$*" >&2; }
fail() { printf '[test-hosts] ERROR: %s\n' "$*" >&2; exit 1; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit "${1:-2}"; }

deadline=$((SECONDS + budget))
left() { local s=$((deadline - SECONDS)); [ "$s" -gt 0 ] || fail "up took longer than ${budget}s (PGHA_TEST_HOSTS_TIMEOUT); run '$0 down' and try again"; echo "$s"; }
# a command bounded by both its own limit and what is left of up's budget
bounded() { local limit=$1; shift; local l; l=$(left); [ "$l" -lt "$limit" ] && limit=$l; timeout "$limit" "$@"; }

name_of()   { echo "$prefix-$1"; }
volume_of() { echo "$prefix-$1-docker"; }
socket_of() { echo "$dir/$1/docker.sock"; }
ip_of()     { echo "${subnet%.*}.$((10 + $1))"; }
inner()     { local i=$1; shift; docker -H "unix://$(socket_of "$i")" "$@"; }

ours() { docker ps -a --filter "label=$label" --format '{{.Names}}' | LC_ALL=C sort; }

check_engine() {
  command -v docker >/dev/null || fail "the docker CLI is not installed"
  timeout 30 docker info >/dev/null 2>&1 || fail "this machine's Docker engine is not reachable (docker info fails); start it and run me again"
}

check_subnet() {
  [[ $subnet =~ ^([0-9]+\.){3}0/24$ ]] || fail "PGHA_TEST_HOSTS_SUBNET must be a /24 ending in .0, e.g. 192.168.231.0/24 (got $subnet)"
}

# --- the host image: stack-independent, rebuilt only when its recipe changes -----------------------------------
ensure_image() {
  local recipe base mirror have
  recipe=$(cd "$here/test-hosts" && cat Dockerfile entrypoint.sh | sha256sum | cut -c1-16)
  have=$(docker image inspect -f '{{index .Config.Labels "org.pgha.recipe"}}' "$host_image" 2>/dev/null || true)
  if [ "$have" = "$recipe" ]; then say "image $host_image is up to date"; return; fi
  if docker image inspect debian:trixie-slim >/dev/null 2>&1; then base=debian:trixie-slim
  elif docker image inspect pgha/trixie-minbase:latest >/dev/null 2>&1; then base=pgha/trixie-minbase:latest
  else fail "no Debian trixie base image on this machine: run stack/images/build-local.sh first (it makes pgha/trixie-minbase:latest when debian:trixie-slim cannot be pulled)"
  fi
  mirror=$("$here/../stack/images/debian-mirror.sh")
  say "building $host_image from $base with docker.io from $mirror (about a minute)"
  local log; log=$(mktemp /tmp/pgha-test-host-build.XXXXXX.log)
  if ! bounded 600 docker build --build-arg BASE_IMAGE="$base" --build-arg DEBIAN_MIRROR="$mirror" \
      --label org.pgha.recipe="$recipe" -t "$host_image" "$here/test-hosts" >"$log" 2>&1; then
    tail -20 "$log" >&2; fail "building $host_image failed (full log: $log)"
  fi
  rm -f "$log"
}

# --- network, folders, containers ----------------------------------------------------------------------------------
ensure_network() {
  local have
  if have=$(docker network inspect -f "{{index .Labels \"io.pgha.test-hosts\"}}" "$network" 2>/dev/null); then
    [ "$have" = "$prefix" ] || fail "a network $network exists that test-hosts.sh did not make; remove it or set PGHA_TEST_HOSTS_PREFIX"
    return
  fi
  say "network $network ($subnet)"
  docker network create --driver bridge --subnet "$subnet" --label "$label" "$network" >/dev/null 2>"$dir/.err" \
    || fail "cannot create network $network on $subnet: $(cat "$dir/.err") (another network may use the range: set PGHA_TEST_HOSTS_SUBNET)"
}

start_host() {
  local i=$1 name vol state
  name=$(name_of "$i"); vol=$(volume_of "$i")
  mkdir -p "$dir/$i"
  if state=$(docker inspect -f '{{.State.Status}}' "$name" 2>/dev/null); then
    [ "$(docker inspect -f "{{index .Config.Labels \"io.pgha.test-hosts\"}}" "$name")" = "$prefix" ] \
      || fail "a container $name exists that test-hosts.sh did not make; remove it or set PGHA_TEST_HOSTS_PREFIX"
    if [ "$state" != running ]; then say "host $i: starting $name again ($state)"; docker start "$name" >/dev/null; fi
    return
  fi
  docker volume create --label "$label" "$vol" >/dev/null
  say "host $i: $name at $(ip_of "$i")"
  # --privileged is refused on kernels whose capability bound lacks CAP_SYS_RESOURCE: every other capability, no
  # seccomp/AppArmor filter, no masked /proc and /sys paths, every device, and a private cgroup namespace instead.
  docker run -d --name "$name" --hostname "$name" --label "$label" \
    --network "$network" --ip "$(ip_of "$i")" \
    --cap-add ALL --cap-drop SYS_RESOURCE \
    --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
    --device-cgroup-rule 'a *:* rwm' --cgroupns private --init \
    -v "$vol:/var/lib/docker" -v "$dir/$i:/pgha-th" \
    "$host_image" >/dev/null 2>"$dir/.err" || fail "cannot start $name: $(cat "$dir/.err")"
}

wait_engine() {
  local i=$1 until=$((SECONDS + 60))
  while ! timeout 5 docker -H "unix://$(socket_of "$i")" version >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$until" ] || [ "$SECONDS" -ge "$deadline" ]; then
      docker logs --tail 15 "$(name_of "$i")" >&2 2>&1 || true
      fail "the engine of host $i did not answer within 60 s (its log above)"
    fi
    if [ "$(docker inspect -f '{{.State.Running}}' "$(name_of "$i")" 2>/dev/null)" != true ]; then
      docker logs --tail 15 "$(name_of "$i")" >&2 2>&1 || true
      fail "host $i ($(name_of "$i")) stopped while its engine started (its log above)"
    fi
    sleep 0.5
  done
}

# --- images: docker save once, docker load into every host that lacks one (in parallel) ---------------------------
load_images() {
  local n=$1 want missing=() i pids=()
  [ -n "$images" ] || { say "no images to load"; return; }
  want=$(docker image inspect -f '{{.Id}}' $images | LC_ALL=C sort -u)
  for i in $(seq 1 "$n"); do
    # shellcheck disable=SC2086
    if [ "$(inner "$i" image inspect -f '{{.Id}}' $images 2>/dev/null | LC_ALL=C sort -u)" != "$want" ]; then missing+=("$i"); fi
  done
  if [ ${#missing[@]} -eq 0 ]; then say "images already on every host: $images"; return; fi
  # one docker save streamed through tee into a docker load per host (named pipes): no tar file on disk, one read
  say "streaming $images ($(docker image inspect -f '{{.Size}}' $images | awk '{s+=$1} END {printf "%d MB before shared layers", s/1e6}')) into host(s) ${missing[*]}"
  local fifos=()
  for i in "${missing[@]}"; do
    rm -f "$dir/.images-$i"; mkfifo "$dir/.images-$i"; fifos+=("$dir/.images-$i")
    ( bounded 300 docker -H "unix://$(socket_of "$i")" load -q -i "$dir/.images-$i" >/dev/null 2>"$dir/.load-$i" ) &
    pids+=($!)
  done
  local saved=0 k=0 bad=""
  # shellcheck disable=SC2086
  bounded 300 docker save $images | timeout 300 tee "${fifos[@]:1}" > "${fifos[0]}" || saved=$?
  for i in "${missing[@]}"; do
    wait "${pids[$k]}" || bad="$bad $i"
    k=$((k + 1))
  done
  rm -f "${fifos[@]}"
  [ "$saved" -eq 0 ] || fail "docker save of $images failed"
  [ -z "$bad" ] || fail "loading the images into host(s)$bad failed: $(cat "$dir"/.load-* 2>/dev/null | head -5)"
  rm -f "$dir"/.load-*
  say "images loaded into host(s) ${missing[*]}"
}

# --- the Swarm ------------------------------------------------------------------------------------------------------
swarm_state() { timeout 15 docker -H "unix://$(socket_of "$1")" info -f '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown; }

form_swarm() {
  local n=$1 managers i role token state
  managers=1; [ "$n" -ge 3 ] && managers=3
  state=$(swarm_state 1)
  if [ "$state" != active ]; then
    say "host 1: swarm init (advertising $(ip_of 1))"
    bounded 60 docker -H "unix://$(socket_of 1)" swarm init --advertise-addr "$(ip_of 1)" \
      --listen-addr "$(ip_of 1):2377" >/dev/null 2>"$dir/.err" || fail "swarm init on host 1 failed: $(cat "$dir/.err")"
  fi
  for i in $(seq 2 "$n"); do
    state=$(swarm_state "$i")
    [ "$state" = active ] && continue
    role=worker; [ "$i" -le "$managers" ] && role=manager
    token=$(bounded 30 docker -H "unix://$(socket_of 1)" swarm join-token -q "$role") \
      || fail "cannot read the $role join token from host 1"
    say "host $i: joining as $role"
    bounded 90 docker -H "unix://$(socket_of "$i")" swarm join --token "$token" --advertise-addr "$(ip_of "$i")" \
      --listen-addr "$(ip_of "$i"):2377" "$(ip_of 1):2377" >/dev/null 2>"$dir/.err" \
      || fail "host $i could not join the swarm: $(cat "$dir/.err")"
  done
  local until=$((SECONDS + 90)) ready=0
  while :; do
    ready=$(timeout 15 docker -H "unix://$(socket_of 1)" node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true)
    [ "$ready" -ge "$n" ] && break
    [ "$SECONDS" -lt "$until" ] && [ "$SECONDS" -lt "$deadline" ] || fail "only $ready of $n swarm nodes are Ready after 90 s"
    sleep 0.5
  done
  say "swarm: $n nodes Ready, $managers manager(s)"
}

cmd_up() {
  local n=${1:-}; shift || true
  while [ $# -gt 0 ]; do
    case "$1" in
      --images) [ $# -ge 2 ] || fail "--images needs a list, e.g. --images \"pgha/etcd:local\""; images=$2; shift ;;
      --no-images) images="" ;;
      *) fail "unknown argument '$1' (see $0 --help)" ;;
    esac
    shift
  done
  [[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le "$max_hosts" ] || fail "up needs a number of hosts from 1 to $max_hosts, e.g. $0 up 3"
  check_subnet; check_engine
  local img
  for img in $images; do
    docker image inspect "$img" >/dev/null 2>&1 \
      || fail "image $img is not on this machine: run stack/images/build-local.sh (or choose others with --images)"
  done
  local existing; existing=$(ours | wc -l)
  [ "$existing" -eq 0 ] || [ "$existing" -eq "$n" ] \
    || fail "$existing test hosts exist already ($(ours | tr '\n' ' ')); run '$0 down' first to make $n"
  local start=$SECONDS i
  mkdir -p "$dir"; chmod 0700 "$dir"
  ensure_image
  ensure_network
  for i in $(seq 1 "$n"); do start_host "$i"; done
  for i in $(seq 1 "$n"); do wait_engine "$i"; done
  say "$n engines answer ($(inner 1 version -f '{{.Server.Version}}'))"
  form_swarm "$n"
  load_images "$n"
  for i in $(seq 1 "$n"); do say "host $i: $(name_of "$i") $(ip_of "$i") unix://$(socket_of "$i")"; done
  say "up in $((SECONDS - start)) s"
  echo "unix://$(socket_of 1)"
}

cmd_down() {
  local remove_image=no
  while [ $# -gt 0 ]; do
    case "$1" in
      --image) remove_image=yes ;;
      *) fail "unknown argument '$1' (see $0 --help)" ;;
    esac
    shift
  done
  check_engine
  local start=$SECONDS names vols nets
  names=$(ours)
  if [ -n "$names" ]; then
    say "removing containers: $(echo "$names" | tr '\n' ' ')"
    # shellcheck disable=SC2086
    timeout 120 docker rm -f -v $names >/dev/null || fail "cannot remove the containers $names"
  fi
  vols=$(docker volume ls -q --filter "label=$label")
  if [ -n "$vols" ]; then
    say "removing volumes: $(echo "$vols" | tr '\n' ' ')"
    local v pids=() bad=""
    for v in $vols; do ( timeout 120 docker volume rm "$v" >/dev/null ) & pids+=($!); done
    for v in "${pids[@]}"; do wait "$v" || bad=yes; done
    [ -z "$bad" ] || fail "cannot remove every volume of $vols (docker volume ls --filter label=$label)"
  fi
  nets=$(docker network ls -q --filter "label=$label")
  if [ -n "$nets" ]; then
    say "removing network $network"
    # shellcheck disable=SC2086
    timeout 60 docker network rm $nets >/dev/null || fail "cannot remove the network $network"
  fi
  if [ -d "$dir" ]; then say "removing $dir"; rm -rf "$dir"; fi
  if [ "$remove_image" = yes ] && docker image inspect "$host_image" >/dev/null 2>&1; then
    say "removing image $host_image"; docker rmi "$host_image" >/dev/null
  fi
  if [ -z "$names$vols$nets" ]; then say "nothing to remove"; else say "down in $((SECONDS - start)) s"; fi
}

cmd_status() {
  check_engine
  local names; names=$(ours)
  if [ -z "$names" ]; then say "no test hosts (make them with: $0 up 3)"; return 1; fi
  docker ps -a --filter "label=$label" --format '{{.Names}}\t{{.Status}}' | LC_ALL=C sort >&2
  timeout 15 docker -H "unix://$(socket_of 1)" node ls >&2 || fail "host 1's engine does not answer as a swarm manager"
  echo "unix://$(socket_of 1)"
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) shift; cmd_status "$@" ;;
  -h|--help) usage 0 ;;
  *) usage ;;
esac
