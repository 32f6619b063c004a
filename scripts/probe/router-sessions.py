#!/usr/bin/env python3
"""Prints the client sessions each router of a pgha stack holds on its write listener (HAProxy's `show sess all`,
through the runtime socket on the router's volume), one line each: router, age, and the client and server sides'
states. Run after a probe run has ended: any session left then is one the router keeps on its own (the stuck stream
of docs/decisions/0064). Usage: router-sessions.py STACK   (root: reads /var/lib/docker/volumes)."""
import glob, re, socket, sys

stack = sys.argv[1]
left = 0
for sock_path in sorted(glob.glob(f"/var/lib/docker/volumes/{stack}_router*-api/_data/admin.sock")):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
    s.sendall(b"show sess all\n")
    out = b""
    while chunk := s.recv(65536):
        out += chunk
    s.close()
    router = sock_path.split("/")[5].removesuffix("_data")
    for block in out.decode(errors="replace").split("\n0x")[0:]:
        if "frontend=primary" not in block:
            continue
        age = re.search(r"age=([^\s)]+)", block)
        scf = re.search(r"scf=\S+ flags=\S+ ioto=\S+ state=(\S+)", block)
        scb = re.search(r"scb=\S+ flags=\S+ ioto=\S+ state=(\S+)", block)
        left += 1
        print(f"{router}: age={age.group(1) if age else '?'} client={scf.group(1) if scf else '?'}"
              f" server={scb.group(1) if scb else '?'}")
print(f"sessions left on the write listeners: {left}")
