"""Applies pgha's fast handover to the installed Patroni (docs/decisions/0013-fast-handover.md).

Patroni 4.0's planned handover waits on fixed sleeps: 1 s between looks at a stopping postmaster, 1 s more
"to give replicas time" once pg_control says shut down, and 2 s on every other node "to give somebody time to
take the leader lock" before it follows the new leader. Under quorum commit the new primary's first commits
wait for such a follower, so these sleeps are most of a switchover's write outage. This build step routes
them through patroni/pgha_handover.py, which keeps Patroni's own values unless the container runs with
PGHA_FAST_HANDOVER=1 (pgha's stacks do; the seed settings don't): then it looks every 50 ms, checks the replicas
without waiting first (again every 50 ms for up to 1 s while PostgreSQL still archives its last segment), and
follows as soon as the leader key names another member (at most the same 2 s).

With the same switch, a leader that releases its key voluntarily writes its final LSN and deletes the key in one
etcd transaction instead of two requests. The replicas wake on the first change they see; with two requests that
was the LSN, and the candidate spent a whole cycle on a cluster that still had a leader before it could race
for the key. A replica told to check for a diverged timeline (every replica in a switchover) asks the leader key's
member whether it already runs as primary before opening a replication connection to its own PostgreSQL to read
its timeline: Patroni asked the other way round, and that connection, useless while the new leader still promotes,
held the third node's switch to the new leader back by about 0.3 s on every HA cycle of a switchover. Every
replacement must match exactly once, so a Patroni release with different code fails the image build instead of
running unpatched. A stopping Patroni closes its REST API's socket, not only its serving loop, so that the
replicas' leader race is refused by it at once instead of waiting for its connect timeout. A replica that
lost the race for the key reads the cluster again before it follows, so it follows the winner in that cycle, not
the next one.
A member's status in the leader race gets half a second to connect instead of 2 s: Patroni asks a dead member at the
address it cached, where nothing answers (docs/decisions/0064).
And postgres is started through a fork server kept from the first start, not a new Python interpreter each
time, so that a crashed primary is restarted in well under a second instead of one to four.
Not part of the fast handover, and not switched by it: pg_rewind gets a missing segment of the member's own WAL from
the configured postgresql.recovery_conf.restore_command when PostgreSQL's running configuration has none (a member
started as primary; docs/decisions/0070). Patroni takes restore_command from the running configuration and, without
one, fails the rewind on the first segment gone from pg_wal; with the configured one, it uses its own fallback (run
it for the segment pg_rewind names as missing, then rewind again), which is what it does for PostgreSQL before 12.
A member whose configuration has a restore_command (a standby) still gets --restore-target-wal, and one with no
restore_command configured (a stack without backups) rewinds as before.
"""
import compileall
import pathlib
import sys

import patroni

PACKAGE = pathlib.Path(patroni.__file__).parent

HELPER = '''"""pgha's fast handover: see /scripts/patch_patroni.py and pgha's docs/decisions/0013-fast-handover.md."""
import os
import time

FAST = os.environ.get('PGHA_FAST_HANDOVER') == '1'
STOP_POLLING_INTERVAL = 0.05 if FAST else 1


def give_replicas_time():
    """Patroni's 1 s for the replicas to receive the shutdown checkpoint; fast: none, the check that follows is enough."""
    if not FAST:
        time.sleep(1)


def failover_possible(ha, checkpoint_location):
    """Patroni's one look at the replicas after its 1 s; fast: every 50 ms for up to 1 s. pg_control says shut down
    as soon as the shutdown checkpoint is written; the replicas receive that record a few hundred milliseconds later,
    and PostgreSQL then still archives its last segment before it exits (pgBackRest: 0.3 to 1.3 s). One early look
    found the candidate behind, and the key then waited for PostgreSQL's exit."""
    if not FAST:
        return ha.is_failover_possible(cluster_lsn=checkpoint_location)
    deadline = time.time() + 1
    while True:
        if ha.is_failover_possible(cluster_lsn=checkpoint_location):
            return True
        if time.time() >= deadline:
            return False
        time.sleep(0.05)


def wait_for_leader_lock(ha):
    """Patroni's 2 s for somebody to take the leader lock; fast: until the leader key names another member."""
    if not FAST:
        time.sleep(2)
        return
    deadline = time.time() + 2
    while time.time() < deadline:
        time.sleep(0.05)
        try:
            leader = ha.dcs.get_cluster().leader
        except Exception:
            continue
        if leader and leader.name and leader.name != ha.state_handler.name:
            return


def close_api(api):
    """Patroni stops serving its REST API first when it shuts down, but its socket keeps listening until the process
    exits: connections queue unanswered, and once the backlog is full (health checks fill it) the replicas' leader
    race waits on the stopping leader until its 2 s connect timeout. Fast: close the socket, so they are refused
    at once and the race counts the member as gone."""
    if FAST:
        api.server_close()


def follow_the_race_winner(ha):
    """A replica that lost the race for the leader key follows the cluster it read before the race, which has no
    leader: Patroni clears its primary_conninfo and names the winner only one HA cycle later (0.6 and 1.2 s measured),
    and under quorum commit the new primary's first commits wait for this standby. Fast: read the cluster again first,
    so it follows the winner at once (what its next cycle would do); unread, it follows as Patroni does."""
    if not FAST:
        return
    try:
        ha.load_cluster_from_dcs()
    except Exception:
        pass


def member_status_timeout():
    """Patroni's 2 s for a member's status in the leader race, to connect and again to answer. Patroni keeps the
    addresses it resolved for 10 minutes (the DNS cache it installs for etcd serves every request it makes), so a member
    whose container died is still asked at its old address after the stack network has forgotten its name: nothing
    answers there, the connect waits out the whole 2 s, and a replica that loses the race follows the winner that much
    later; under quorum commit the new primary's first commits wait for that replica. Fast: half a second to connect
    (a live member's kernel accepts in milliseconds on the stack network, however busy its Patroni), 2 s to answer as
    before."""
    if not FAST:
        return 2
    import urllib3
    return urllib3.Timeout(connect=0.5, read=2)


_POSTMASTER_CONTEXT = None


def postmaster_context():
    """How Patroni starts the process that starts postgres. Patroni spawns a fresh interpreter each time, which imports
    Patroni again: 1 to 4 s before a crashed primary is even started. Fast: a fork server, started with the first
    postgres and kept (as Python 3.14 does by default), with Patroni's postmaster module already loaded, forks it in
    milliseconds. Patroni avoids multiprocessing's resource tracker, and so does this."""
    import multiprocessing
    if not FAST:
        return multiprocessing.get_context('spawn')
    global _POSTMASTER_CONTEXT
    if _POSTMASTER_CONTEXT is None:
        from multiprocessing import resource_tracker
        resource_tracker.ensure_running = lambda: None
        context = multiprocessing.get_context('forkserver')
        context.set_forkserver_preload(['__main__', 'patroni.postgresql.postmaster'])
        _POSTMASTER_CONTEXT = context
    return _POSTMASTER_CONTEXT
'''

RELEASE_WITH_STATUS = '''

    def delete_leader(self, leader: Optional[Leader], last_lsn: Optional[int] = None) -> bool:  # pgha: fast handover
        from .. import pgha_handover
        if leader and last_lsn and pgha_handover.FAST and self._pgha_release_with_status(last_lsn):
            return True
        return super(Etcd3, self).delete_leader(leader, last_lsn)

    def _pgha_release_with_status(self, last_lsn: int) -> bool:
        """The final LSN and the release in one transaction; False: not done, Patroni's two requests follow."""
        cluster = self.cluster
        if cluster and cluster.min_version and cluster.min_version < (2, 1, 0):
            return False
        value = {self._OPTIME: last_lsn}
        for name in ('slots', 'retain_slots'):
            if self._last_status.get(name):
                value[name] = self._last_status[name]
        leader = build_range_request(self.leader_path)
        compare = {'key': leader['key'], 'target': 'VALUE', 'value': base64_encode(self._name)}
        status = {'key': base64_encode(self.status_path),
                  'value': base64_encode(json.dumps(value, separators=(',', ':')))}
        try:
            ret = self._client.call_rpc('/kv/txn', {'compare': [compare],
                                                    'success': [{'request_delete_range': leader},
                                                                {'request_put': status}]})
        except Exception as e:
            logger.warning('pgha: releasing the leader key with the final LSN in one transaction failed: %r', e)
            return False
        if not ret.get('succeeded'):
            return False
        self._last_status = value
        return True'''

EDITS = {
    '__main__.py': [
        ("            self.api.shutdown()\n",
         "            self.api.shutdown()\n"
         "            from . import pgha_handover  # pgha: fast handover, refuse instead of queueing\n"
         "            pgha_handover.close_api(self.api)\n", 1),
    ],
    'dcs/etcd3.py': [
        ("        return bool(self._client.txn(compare, {'request_delete_range': fields}))\n",
         "        return bool(self._client.txn(compare, {'request_delete_range': fields}))\n" + RELEASE_WITH_STATUS + '\n', 1),
    ],
    'postgresql/rewind.py': [
        ("""    def _check_timeline_and_lsn(self, leader: Union[Leader, RemoteMember]) -> None:
        in_recovery, local_timeline, local_lsn = self._get_local_timeline_lsn()
""",
         """    def _check_timeline_and_lsn(self, leader: Union[Leader, RemoteMember]) -> None:
        from .. import pgha_handover  # pgha: fast handover, the leader's role asked first (it costs nothing)
        if pgha_handover.FAST and isinstance(leader, Leader) and \\
                leader.member.data.get('role') not in ('master', 'primary'):
            return
        in_recovery, local_timeline, local_lsn = self._get_local_timeline_lsn()
""", 1),
        ("        cmd = [self._postgresql.pgcommand('pg_rewind')]\n",
         "        if not restore_command:  # pgha: Patroni's fetch-and-retry with the configured restore_command\n"
         "            restore_command = (self._postgresql.config.get('recovery_conf') or EMPTY_DICT).get('restore_command')\n"
         "        cmd = [self._postgresql.pgcommand('pg_rewind')]\n", 1),
    ],
    'postgresql/postmaster.py': [
        ("        ctx = multiprocessing.get_context('spawn')\n",
         "        from .. import pgha_handover  # pgha: fast handover, a fork server instead of a new interpreter\n"
         "        ctx = pgha_handover.postmaster_context()\n", 1),
    ],
    'postgresql/__init__.py': [
        ('STOP_POLLING_INTERVAL = 1\n',
         'from ..pgha_handover import STOP_POLLING_INTERVAL  # pgha: fast handover\n', 1),
    ],
    'ha.py': [
        ('from .utils import parse_int, polling_loop, tzutc\n',
         'from .utils import parse_int, polling_loop, tzutc\nfrom . import pgha_handover\n', 1),
        ('time.sleep(1)  # give replicas some more time to catch up',
         'pgha_handover.give_replicas_time()  # give replicas some more time to catch up', 2),
        ('if self.is_failover_possible(cluster_lsn=checkpoint_location):',
         'if pgha_handover.failover_possible(self, checkpoint_location):  # pgha: fast handover', 2),
        ('time.sleep(2)  # Give a time to somebody to take the leader lock',
         'pgha_handover.wait_for_leader_lock(self)  # Give a time to somebody to take the leader lock', 2),
        ("                return self.follow('demoted self after trying and failing to obtain lock',\n",
         "                pgha_handover.follow_the_race_winner(self)  # pgha: fast handover\n"
         "                return self.follow('demoted self after trying and failing to obtain lock',\n", 1),
        ('            response = self.patroni.request(member, timeout=2, retries=0)\n',
         '            response = self.patroni.request(member, timeout=pgha_handover.member_status_timeout(),'
         ' retries=0)  # pgha\n', 1),
    ],
}


def main():
    if (PACKAGE / 'pgha_handover.py').exists():
        sys.exit('patch_patroni: Patroni in %s is patched already' % PACKAGE)
    for name, edits in EDITS.items():
        path = PACKAGE / name
        text = path.read_text()
        for old, new, count in edits:
            found = text.count(old)
            if found != count:
                sys.exit('patch_patroni: %s has %d of %r, expected %d: this Patroni release needs a new patch'
                         % (path, found, old, count))
            text = text.replace(old, new)
        path.write_text(text)
    (PACKAGE / 'pgha_handover.py').write_text(HELPER)
    if not compileall.compile_dir(str(PACKAGE), quiet=1, force=True):
        sys.exit('patch_patroni: the patched Patroni does not compile')
    print('patch_patroni: fast handover applied to %s' % PACKAGE)


if __name__ == '__main__':
    main()
