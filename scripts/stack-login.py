#!/usr/bin/env python3
"""For the benchmark scripts: from `pgha credentials --json` and `pgha status --json` saved in WORK as credentials.json
and status.json, writes WORK/pgpass (the application login, owner-only: libpq ignores a pgpass file others may read),
WORK/ca.crt (the cluster's CA) and WORK/env (leader=, user=, db= lines for the shell to source).
Usage: scripts/stack-login.py WORK"""
import json
import os
import shutil
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__)
work = sys.argv[1]
c = json.load(open(os.path.join(work, "credentials.json")))
s = json.load(open(os.path.join(work, "status.json")))
if not s.get("leader"):
    sys.exit("the cluster has no leader now; run pgha status")
app = c["application"]
path = os.path.join(work, "pgpass")
with open(path, "w") as f:
    f.write("*:*:%s:%s:%s\n" % (c["database"], app["user"], app["password"].replace("\\", "\\\\").replace(":", "\\:")))
os.chmod(path, 0o600)
shutil.copy(c["sslrootcert"], os.path.join(work, "ca.crt"))
with open(os.path.join(work, "env"), "w") as f:
    f.write("leader=%s\nuser=%s\ndb=%s\n" % (s["leader"], app["user"], c["database"]))
