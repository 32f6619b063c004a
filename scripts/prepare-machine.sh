#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine (as root) for building and testing pgha:
# Docker engine (started), the compose v2 plugin, Xvfb, debootstrap, jpackage's .deb tools and a JDK 21+.
# Idempotent: everything already present is left alone; every action is reported.
set -euo pipefail

say()  { printf '[prepare] %s\n' "$*"; }
fail() { printf '[prepare] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run me as root (sudo $0): I install packages and start dockerd"
command -v apt-get >/dev/null || fail "this script supports Debian/Ubuntu (apt-get not found); install Docker, the compose v2 plugin, Xvfb and a JDK 21+ by hand"

export DEBIAN_FRONTEND=noninteractive
apt_updated=no
apt_install() {
  if [ "$apt_updated" = no ]; then
    say "apt-get update"
    apt-get update -qq >/dev/null || fail "apt-get update failed; check the machine's package sources"
    apt_updated=yes
  fi
  say "installing: $*"
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null || fail "apt-get install $* failed"
}

# --- Docker engine -----------------------------------------------------------
if command -v dockerd >/dev/null; then
  say "Docker engine already installed ($(dockerd --version 2>/dev/null | head -1))"
else
  apt_install docker.io
fi

if docker info >/dev/null 2>&1; then
  say "Docker engine already running"
else
  if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
    say "starting docker with systemctl"
    systemctl start docker || true
  fi
  if ! docker info >/dev/null 2>&1; then
    say "starting dockerd (log: /var/log/pgha-dockerd.log)"
    setsid nohup dockerd --storage-driver=overlay2 >/var/log/pgha-dockerd.log 2>&1 < /dev/null &
  fi
  for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || fail "dockerd did not answer within 60 s; see /var/log/pgha-dockerd.log"
  say "Docker engine running ($(docker version --format '{{.Server.Version}}'))"
fi

# --- Compose v2 plugin --------------------------------------------------------
if docker compose version >/dev/null 2>&1; then
  say "compose plugin already present ($(docker compose version --short))"
else
  if apt-cache policy docker-compose-plugin 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt_install docker-compose-plugin
  else
    # Debian bookworm has no compose v2; trixie's docker-compose (a static Go binary) works as the plugin.
    say "fetching docker-compose v2 from Debian trixie (bookworm has no compose v2)"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    uri=$("$(dirname "$0")/../stack/images/debian-mirror.sh")
    mkdir -p "$work/lists/partial" "$work/archives/partial"
    opt="trusted=yes"
    [ -e /usr/share/keyrings/debian-archive-trixie-stable.gpg ] && opt="signed-by=/usr/share/keyrings/debian-archive-keyring.gpg"
    echo "deb [$opt] $uri trixie main" > "$work/sources.list"
    apt_opts=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=- \
              -o Dir::State::Lists="$work/lists" -o Dir::Cache::Archives="$work/archives" \
              -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
    apt-get "${apt_opts[@]}" update -qq >/dev/null || fail "could not read Debian trixie from $uri"
    (cd "$work" && apt-get "${apt_opts[@]}" download docker-compose >/dev/null) \
      || fail "could not download docker-compose from Debian trixie"
    dpkg -x "$work"/docker-compose_*.deb "$work/x"
    install -D -m 0755 "$work/x/usr/libexec/docker/cli-plugins/docker-compose" \
      /usr/local/lib/docker/cli-plugins/docker-compose
    docker compose version >/dev/null 2>&1 || fail "docker compose still not working after installing the plugin"
    say "compose plugin installed ($(docker compose version --short))"
  fi
fi

# --- Xvfb, debootstrap, tools the tests use ------------------------------------
missing=()
command -v Xvfb >/dev/null        || missing+=(xvfb)
command -v xauth >/dev/null       || missing+=(xauth)
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v curl >/dev/null        || missing+=(curl)
command -v xwininfo >/dev/null    || missing+=(x11-utils)
command -v fakeroot >/dev/null    || missing+=(fakeroot)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# JavaFX's glass toolkit needs GTK 3 and a few X libraries, even under Xvfb; the installers' .deb test
# installs the package, which also depends on xdg-utils and ALSA (java.desktop's sound library).
for pkg in libgtk-3-0 libxtst6 libxxf86vm1 libgl1 xdg-utils libasound2; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; else say "Xvfb, debootstrap, curl, x11-utils, fakeroot, fonts, xdg-utils and the GTK libraries JavaFX needs already installed"; fi

# --- JDK 21+ -------------------------------------------------------------------
here=$(cd "$(dirname "$0")" && pwd)
if jdk=$("$here/java-home.sh" 2>/dev/null); then
  say "JDK found: $jdk"
else
  fail "no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*); install one, e.g. Temurin 21/25, and set JAVA_HOME"
fi
# --- Ports the test stacks publish ---------------------------------------------
# Some integration tests publish their stacks on 127.0.0.1 ports inside Linux's ephemeral range (32768-60999), which
# the kernel also hands out as the local end of outgoing connections; a test's port taken that way for a moment made a
# container fail to start (ScaleIT, "address already in use"). Reserve them: only explicit binds may use them then.
test_ports="33791-33991,41000-43999,48008-48010"
if [ -w /proc/sys/net/ipv4/ip_local_reserved_ports ]; then
  if [ "$(cat /proc/sys/net/ipv4/ip_local_reserved_ports)" != "$test_ports" ]; then
    echo "$test_ports" > /proc/sys/net/ipv4/ip_local_reserved_ports
    say "reserved the test stacks' ports from the ephemeral range: $test_ports"
  else
    say "the test stacks' ports are already reserved"
  fi
else
  say "cannot reserve the test stacks' ports (no writable /proc/sys/net/ipv4/ip_local_reserved_ports); a rare port clash is possible"
fi

say "machine ready"
