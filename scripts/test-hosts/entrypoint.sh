#!/bin/sh
# Starts the test host's Docker engine. Without --privileged (refused on this kernel) Docker mounts /sys and the
# cgroup v1 hierarchies read-only; dockerd needs them writable, so they are remounted read-write here (the
# container has every capability but CAP_SYS_RESOURCE, and no seccomp or masked paths). A restarted container
# finds the pid and socket files of the engine it ran before; they are removed first.
set -eu
mount -o remount,rw /sys 2>/dev/null || echo "test-host: cannot remount /sys read-write" >&2
mount -o remount,rw /sys/fs/cgroup 2>/dev/null || true
awk '$3 == "cgroup" || $3 == "cgroup2" { print $2 }' /proc/self/mounts | while read -r m; do
  mount -o remount,bind,rw "$m" 2>/dev/null || echo "test-host: cannot remount $m read-write" >&2
done
rm -rf /run/docker.pid /run/docker.sock /run/docker /run/containerd /pgha-th/docker.sock
exec dockerd --storage-driver=overlay2 --host=unix:///run/docker.sock --host=unix:///pgha-th/docker.sock "$@"
