#!/usr/bin/env bash
# Prints the Debian mirror this machine's apt uses (DEBIAN_MIRROR overrides; deb.debian.org by default).
set -euo pipefail
if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; exit 0; fi
uri=$( { sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null || true
         sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\).*/\2/p' \
           /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true; } \
       | tr ' ' '\n' | grep -E '^https?://[^ ]*/debian/?$' | head -1 || true)
echo "${uri:-http://deb.debian.org/debian}"
