#!/usr/bin/env python3
"""Where a drill run's write outage went: the node, router and supervisor logs that bench-failover.sh keeps
(docker logs --timestamps, one clock), each event's first line after the fault, in seconds after it.
  scripts/bench-failover-phases.py OUT_DIR/pgha DRILL...   (OUT_DIR/pgha/logs/*.log and OUT_DIR/pgha/DRILL.json)"""
import datetime as dt
import json
import os
import sys

WINDOW = 10.0  # seconds after the fault
# (name, text in the line, whether every occurrence counts: events that happen once per member or per router)
EVENTS = [
    ("shutdown request", "received fast shutdown request", False),
    ("postmaster gone", "unexpected postmaster exit", False),
    ("shutdown ckpt", "checkpoint complete", False),
    ("patroni saw crash", "Postgresql is not running", False),
    ("restart in place", "starting primary after failure", False),
    ("key", "leader key changed", True),
    ("fenced", "fenced", True),
    ("lock lost race", "Could not take out TTL lock", False),
    ("promoted self", "promoted self to leader", False),
    ("new timeline", "selected new timeline", False),
    ("writable", "ready to accept connections", False),
    ("routed", "routed writes to", True),
    ("router", "Server primary/", True),
    ("conninfo cleared", '"primary_conninfo" removed', False),
    ("conninfo", '"primary_conninfo" changed', True),
    ("streaming", "WAL streaming at", True),
    ("quorum standby", "candidate for quorum synchronous standby", True),
]


def stamp(text):
    return dt.datetime.fromisoformat(text.rstrip("Z")[:26]).replace(tzinfo=dt.timezone.utc)


def seconds(iso):
    # java.time.Duration as ISO-8601, e.g. PT2.24S
    if iso is None:
        return None
    d, m = iso.replace("PT", ""), 0.0
    if "M" in d:
        mins, d = d.split("M")
        m = float(mins) * 60
    return m + (float(d.rstrip("S")) if d else 0.0)


def logs(out):
    found = {}
    folder = os.path.join(out, "logs")
    for name in sorted(os.listdir(folder)):
        lines = []
        for line in open(os.path.join(folder, name), errors="replace"):
            head, _, rest = line.partition(" ")
            if head[:2] == "20" and "T" in head:
                lines.append((stamp(head), rest.rstrip()))
        found[name.removesuffix(".log")] = lines
    return found


def main(out, drills):
    every = logs(out)
    for drill in drills:
        text = open(os.path.join(out, drill + ".json")).read()
        for run in json.loads(text[text.index("{"):])["runs"]:
            fault = stamp(run["faultAt"])
            first = seconds(run["routerFlipAfter"])
            print(f"{drill} at {run['faultAt']}: {run['oldLeader']} -> {run.get('newLeader') or '-'}, write outage "
                  f"{seconds(run['writeOutage']):.2f} s, new leader writable (watcher) "
                  f"{seconds(run['newLeaderAfter']) or '-'}, first write on it {'-' if first is None else f'{first:.2f}'}")
            events = []
            for container, lines in every.items():
                seen = set()
                for at, line in lines:
                    after = (at - fault).total_seconds()
                    if not -0.05 <= after <= WINDOW:
                        continue
                    for name, needle, repeats in EVENTS:
                        if needle in line and (repeats or name not in seen):
                            seen.add(name)
                            events.append((after, container, name, line[line.find(needle):][:100]))
            for after, container, name, line in sorted(events):
                print(f"  +{after:6.3f} s  {container:14} {name:17} {line}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
