#!/usr/bin/env bash
# Runs the pgha stack with docker compose after checking what it needs, with messages that say what to do.
#   stack/stack.sh up [--local]      start (or complete) the stack; --local uses the images of build-local.sh (built
#                                    here when missing)
#   stack/stack.sh down [--volumes]  stop and remove the containers (--volumes also deletes the data)
#   stack/stack.sh ps | logs [SERVICE]
#   --env-file FILE selects images like local.env does
# Equivalent to: docker compose [--env-file stack/local.env] -f stack/docker-compose.yml <command>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fail() { printf 'stack: %s\n' "$*" >&2; exit 1; }

cmd=${1:-}; [ -n "$cmd" ] || fail "usage: $0 up [--local] | down [--volumes] | ps | logs [SERVICE]"; shift
env_args=()
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --local) env_args=(--env-file "$here/local.env") ;;
    --env-file) [ $# -ge 2 ] || fail "--env-file needs a file"; [ -f "$2" ] || fail "env file $2 does not exist"
                env_args=(--env-file "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

docker info >/dev/null 2>&1 || fail "the Docker engine is not reachable; start it (sudo scripts/prepare-machine.sh, or: sudo dockerd &) and try again"
docker compose version >/dev/null 2>&1 || fail "the docker compose v2 plugin is missing; install it (sudo scripts/prepare-machine.sh does) and try again"

if [ "$cmd" = up ] && [ -f "$here/.env.postgres" ] && grep -Eq '^PGPASSWORD_SUPERUSER=(postgres)?$' "$here/.env.postgres"; then
  printf '%s\n' \
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' \
    "stack: WARNING: this stack uses the seed's WEAK DEFAULT PASSWORDS (postgres/postgres in $here/.env.postgres)," \
    'stack: no TLS and no login on Patroni or HAProxy. Keep it on this machine; for anything else run' \
    'stack: `pgha up` or `pgha export-compose --out DIR` (certificates, logins, generated passwords).' \
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' >&2
fi

if [ "$cmd" = up ]; then
  [ -f "$here/.env.postgres" ] || fail "$here/.env.postgres is missing: it holds the PostgreSQL credentials the nodes and exporters read. Restore it (git checkout stack/.env.postgres) or create it with PGUSER_SUPERUSER, PGPASSWORD_SUPERUSER, PGUSER_STANDBY, PGPASSWORD_STANDBY, PGPASSWORD_ADMIN, DATA_SOURCE_USER and DATA_SOURCE_PASS lines"
  images=$(docker compose "${env_args[@]}" -f "$here/docker-compose.yml" config --images 2>/dev/null) \
    || fail "docker compose cannot read $here/docker-compose.yml: $(docker compose "${env_args[@]}" -f "$here/docker-compose.yml" config -q 2>&1 | head -3)"
  pull_policy=$(docker compose "${env_args[@]}" -f "$here/docker-compose.yml" config --format json 2>/dev/null \
                | grep -o '"pull_policy": *"[a-z]*"' | head -1 | sed 's/.*"\([a-z]*\)"$/\1/' || true)
  # With a registry, compose builds the supervisor's image itself when missing (its build section); never pulled.
  supervisor_image=$(docker compose "${env_args[@]}" -f "$here/docker-compose.yml" config --format json 2>/dev/null \
                     | python3 -c 'import json,sys; print(json.load(sys.stdin)["services"].get("pg-supervisor",{}).get("image",""))' 2>/dev/null || true)
  built=no
  for image in $(echo "$images" | sort -u); do
    docker image inspect "$image" >/dev/null 2>&1 && continue
    if [ "$pull_policy" = never ]; then
      if [ "$built" = no ]; then
        echo "stack: image $image is missing: building the local images (stack/images/build-local.sh)" >&2
        "$here/images/build-local.sh" >&2 || fail "building the local images failed (above); fix that and run me again"
        built=yes
      fi
      docker image inspect "$image" >/dev/null 2>&1 \
        || fail "image $image is not on this machine, and $here/images/build-local.sh (which makes the pgha/*:local images) does not make it; check the image names in your env file"
      continue
    fi
    [ "$image" != "$supervisor_image" ] || continue
    echo "stack: pulling $image"
    docker pull "$image" >/dev/null 2>&1 \
      || fail "image $image is not on this machine and cannot be pulled (no registry access?); build local images with $here/images/build-local.sh and start with: $0 up --local"
  done
fi
exec docker compose "${env_args[@]}" -f "$here/docker-compose.yml" "$cmd" ${args[@]+"${args[@]}"} $( [ "$cmd" = up ] && echo -d )
