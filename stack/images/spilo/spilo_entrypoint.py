#!/usr/bin/env python3
"""Spilo-compatible entrypoint for the local PostgreSQL 17 + Patroni image.

Honours the part of Spilo's environment contract pgha relies on (SCOPE, ETCD3_HOSTS,
PGUSER_*/PGPASSWORD_*, SPILO_CONFIGURATION, ALLOW_NOSSL, PATRONI_POSTGRESQL_LISTEN),
writes Patroni's configuration to /home/postgres/postgres.yml, makes a self-signed
certificate, then runs Patroni as the postgres user.

Beyond Spilo (docs/decisions/0017), for a stack that keeps secrets out of its environment:
- PGHA_SECRETS_DIR (default /run/pgha/secrets): a file there named like a variable
  (PGPASSWORD_SUPERUSER, PATRONI_RESTAPI_PASSWORD, ...) stands for it when the variable is unset;
- PGHA_TLS_DIR (default /run/pgha/tls): with ca.crt, server.crt and server.key there,
  PostgreSQL and Patroni's REST API serve that certificate (issued by the cluster's CA),
  patronictl trusts that CA, and pg_hba takes only TLS from the network;
- PATRONI_RESTAPI_USERNAME / PATRONI_RESTAPI_PASSWORD: basic authentication on the REST API's
  unsafe endpoints (Patroni's restapi.authentication), used by patronictl too;
- PATRONI_ETCD3_PASSWORD (normally the file of that name in PGHA_SECRETS_DIR): the password of
  Patroni's etcd user, whose name, like etcd3's protocol and CA, comes with SPILO_CONFIGURATION;
  written into Patroni's owner-only configuration, never left in its environment;
- /etc/pgbackrest/pgbackrest.conf (docs/decisions/0021): with it, pgBackRest's repository
  (/home/postgres/backups), spool and log directories are made postgres's before Patroni starts;
- argument --idle (docs/decisions/0022): pgha's restore helper; the data directories, then sleep
  while pgha restores and recovers a backup into them with docker exec.
"""
import glob
import os
import pwd
import socket
import subprocess
import sys

import yaml

PGHOME = '/home/postgres'
PGROOT = os.environ.get('PGROOT', PGHOME + '/pgdata/pgroot')
PGDATA = os.environ.get('PGDATA', PGROOT + '/data')
CONFIG_FILE = PGHOME + '/postgres.yml'
ADMIN_FILE = PGHOME + '/.admin_credentials'
CERT_DIR = '/run/certs'
BIN_DIR = '/usr/lib/postgresql/17/bin'


PGBACKREST_CONFIG = '/etc/pgbackrest/pgbackrest.conf'
PGBACKREST_WORK = PGHOME + '/pgdata/pgbackrest'
PGBACKREST_REPOSITORY = PGHOME + '/backups'
SECRETS_DIR = os.environ.get('PGHA_SECRETS_DIR', '/run/pgha/secrets')
TLS_DIR = os.environ.get('PGHA_TLS_DIR', '/run/pgha/tls')


def load_secret_files():
    """Every file of SECRETS_DIR stands for the variable it is named after, unless that is set."""
    if not os.path.isdir(SECRETS_DIR):
        return
    for name in sorted(os.listdir(SECRETS_DIR)):
        path = os.path.join(SECRETS_DIR, name)
        if name.isidentifier() and os.path.isfile(path) and not os.environ.get(name):
            with open(path) as f:
                os.environ[name] = f.read().strip()


def tls_files():
    """The cluster CA's files for this node, when the stack gave them."""
    files = {n: os.path.join(TLS_DIR, n) for n in ('ca.crt', 'server.crt', 'server.key')}
    return files if all(os.path.isfile(p) for p in files.values()) else None


def log(msg):
    print('spilo-local: ' + msg, file=sys.stderr, flush=True)


def env(name, default=None):
    value = os.environ.get(name)
    return value if value not in (None, '') else default


def deep_merge(base, override):
    for key, value in (override or {}).items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            deep_merge(base[key], value)
        else:
            base[key] = value
    return base


def etcd3_hosts():
    raw = env('ETCD3_HOSTS') or env('ETCD3_HOST')
    if not raw:
        sys.exit('spilo-local: ETCD3_HOSTS is not set; give the etcd members, e.g. '
                 "ETCD3_HOSTS=\"'etcd-1:2379','etcd-2:2379','etcd-3:2379'\"")
    # Spilo puts the value inside a YAML flow list, so both quoted and bare forms work.
    hosts = yaml.safe_load('[' + raw + ']')
    return [str(h).strip() for h in hosts if str(h).strip()]


def pg_hba(allow_nossl, superuser, standby):
    rules = [
        'local all all trust',
        'host all all 127.0.0.1/32 scram-sha-256',
        'host all all ::1/128 scram-sha-256',
        'local replication {} trust'.format(standby),
        'hostssl replication {} all scram-sha-256'.format(standby),
    ]
    if allow_nossl:
        rules += ['host replication {} all scram-sha-256'.format(standby),
                  'host all all all scram-sha-256']
    else:
        rules += ['hostnossl all all all reject', 'hostssl all all all scram-sha-256']
    return rules


def build_config():
    host = env('PGHA_CONNECT_HOST', socket.gethostname())
    superuser = env('PGUSER_SUPERUSER', 'postgres')
    standby = env('PGUSER_STANDBY', 'standby')
    allow_nossl = env('ALLOW_NOSSL') is not None
    tls = tls_files() is not None
    config = {
        'scope': env('SCOPE', 'dummy'),
        'name': host,
        'namespace': '/service/',
        'log': {'level': env('PATRONI_LOG_LEVEL', 'INFO')},
        'restapi': {'listen': '0.0.0.0:8008', 'connect_address': host + ':8008'},
        'ctl': {},
        'etcd3': {'hosts': etcd3_hosts()},
        'bootstrap': {
            'dcs': {
                'ttl': 30, 'loop_wait': 10, 'retry_timeout': 10,
                'maximum_lag_on_failover': 33554432,
                'postgresql': {
                    'use_pg_rewind': True, 'use_slots': True,
                    'parameters': {
                        'wal_level': 'replica', 'hot_standby': 'on', 'wal_log_hints': 'on',
                        'max_connections': 100, 'max_wal_senders': 10, 'max_replication_slots': 10,
                        'wal_keep_size': '128MB', 'password_encryption': 'scram-sha-256',
                    },
                },
            },
            'initdb': [{'encoding': 'UTF8'}, {'locale': 'C.UTF-8'}, 'data-checksums'],
            'post_bootstrap': '/scripts/post_init.sh',
        },
        'postgresql': {
            'listen': env('PATRONI_POSTGRESQL_LISTEN', '0.0.0.0:5432'),
            'connect_address': host + ':5432',
            'data_dir': PGDATA,
            'bin_dir': BIN_DIR,
            'pgpass': '/run/postgresql/pgpass',
            'use_unix_socket': True,
            'authentication': {
                'superuser': {'username': superuser, 'password': env('PGPASSWORD_SUPERUSER', 'zalando')},
                'replication': {'username': standby, 'password': env('PGPASSWORD_STANDBY', 'standby')},
            },
            'parameters': {
                'unix_socket_directories': '/var/run/postgresql',
                'ssl': 'on',
                'ssl_cert_file': CERT_DIR + '/server.crt',
                'ssl_key_file': CERT_DIR + '/server.key',
            },
            'basebackup': [{'checkpoint': 'fast'}],
            'pg_hba': pg_hba(allow_nossl, superuser, standby),
        },
    }
    if tls:
        config['restapi'].update({'certfile': CERT_DIR + '/server.crt', 'keyfile': CERT_DIR + '/server.key',
                                  'cafile': CERT_DIR + '/ca.crt', 'verify_client': 'none'})
        config['ctl'].update({'insecure': False, 'cacert': CERT_DIR + '/ca.crt'})
        config['postgresql']['parameters'].update({'ssl_ca_file': CERT_DIR + '/ca.crt', 'ssl_min_protocol_version': 'TLSv1.2'})
    if env('PATRONI_RESTAPI_USERNAME') and env('PATRONI_RESTAPI_PASSWORD'):
        config['restapi']['authentication'] = {'username': env('PATRONI_RESTAPI_USERNAME'),
                                               'password': env('PATRONI_RESTAPI_PASSWORD')}
    extra = env('SPILO_CONFIGURATION')
    if extra:
        try:
            override = yaml.safe_load(extra)
        except yaml.YAMLError as e:
            sys.exit('spilo-local: SPILO_CONFIGURATION is not valid YAML: {}'.format(e))
        if override is not None and not isinstance(override, dict):
            sys.exit('spilo-local: SPILO_CONFIGURATION must be a YAML mapping')
        deep_merge(config, override)
    if env('PATRONI_ETCD3_PASSWORD'):
        config['etcd3']['password'] = env('PATRONI_ETCD3_PASSWORD')
    return config


WEAK_PASSWORDS = ('postgres', 'zalando', 'standby', 'admin', 'password', '')


def warn_if_weak(config):
    """Says loudly that a stack runs with the seed's defaults (the committed compose stack keeps them)."""
    auth = config['postgresql']['authentication']
    weak = [role['username'] for role in auth.values() if role.get('password') in WEAK_PASSWORDS]
    problems = []
    if weak:
        problems.append('weak default passwords for ' + ', '.join(weak))
    if env('ALLOW_NOSSL') is not None:
        problems.append('plain-text PostgreSQL connections accepted from the network')
    if tls_files() is None:
        problems.append("a self-signed certificate no client can verify")
    if 'authentication' not in config['restapi']:
        problems.append("no login on Patroni's REST API (switchover, restart, config changes)")
    if problems:
        bar = '!' * 78
        for line in [bar, 'WARNING: THIS STACK IS NOT SECURE (the seed\'s defaults):'] + \
                ['  - ' + p for p in problems] + \
                ['  Use it on this machine only. `pgha up` or `pgha export-compose` make the secure stack.', bar]:
            log(line)


def ensure_certificate(uid, gid):
    crt, key = CERT_DIR + '/server.crt', CERT_DIR + '/server.key'
    given = tls_files()
    if given:
        # the cluster CA's certificate, owned by postgres (PostgreSQL refuses a key others can read)
        os.makedirs(CERT_DIR, exist_ok=True)
        for name, path in given.items():
            with open(path, 'rb') as src:
                data = src.read()
            target = os.path.join(CERT_DIR, name)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if name.endswith('.key') else 0o644)
            with os.fdopen(fd, 'wb') as dst:
                dst.write(data)
            os.chown(target, uid, gid)
        return
    if os.path.exists(crt) and os.path.exists(key):
        return
    os.makedirs(CERT_DIR, exist_ok=True)
    subprocess.run(['openssl', 'req', '-nodes', '-new', '-x509', '-days', '3650', '-subj', '/CN=spilo.dummy.org',
                    '-keyout', key, '-out', crt], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for path in (crt, key):
        os.chown(path, uid, gid)
    os.chmod(key, 0o600)


def prepare_pgbackrest(uid, gid):
    """With a pgBackRest configuration (a stack with backups): its repository, spool and log directories, postgres's."""
    if not os.path.isfile(PGBACKREST_CONFIG):
        return
    for d in (PGBACKREST_WORK + '/spool', PGBACKREST_WORK + '/log', PGBACKREST_REPOSITORY):
        os.makedirs(d, exist_ok=True)
        os.chown(d, uid, gid)
    os.chmod(PGBACKREST_REPOSITORY, 0o750)


def start_pgbackrest_server():
    """pgBackRest's TLS server, when the configuration asks for it (a stack with TLS): a replica's backup reaches this
    node through it when this node is the primary (docs/decisions/0027). It outlives this process's exec of Patroni."""
    if not os.path.isfile(PGBACKREST_CONFIG):
        return
    with open(PGBACKREST_CONFIG) as f:
        if not any(line.startswith('tls-server-address=') for line in f):
            return
    subprocess.Popen(['pgbackrest', 'server'], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, start_new_session=True)
    log('pgbackrest server started (TLS, port 8432)')


def remove_stale_socket_locks():
    """A PostgreSQL killed with its container leaves its socket lock file in /var/run/postgresql, which the container's
    restart keeps. The lock names the dead postmaster's PID, and in the restarted container that PID is often taken by
    another process (the postmaster fork server got it once), so PostgreSQL refused to start: "lock file already
    exists", the member stayed "start failed". Nothing of PostgreSQL runs before this script, so every lock is stale."""
    for path in glob.glob('/var/run/postgresql/.s.PGSQL.*'):
        try:
            os.unlink(path)
            log('removed {} left by a PostgreSQL that did not stop'.format(path))
        except FileNotFoundError:
            pass


def write_private(path, text, uid, gid):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w') as f:
        f.write(text)
    os.chown(path, uid, gid)


def main():
    pw = pwd.getpwnam('postgres')
    uid, gid = pw.pw_uid, pw.pw_gid
    if sys.argv[1:] == ['--idle']:
        # pgha's restore helper (docs/decisions/0022): the data directories, then nothing while pgha's execs run
        for d in (PGHOME + '/pgdata', PGROOT, PGDATA):
            os.makedirs(d, exist_ok=True)
            os.chown(d, uid, gid)
        os.chmod(PGROOT, 0o700)
        os.chmod(PGDATA, 0o700)
        os.execvp('sleep', ['sleep', 'infinity'])
    load_secret_files()
    config = build_config()
    for d in (PGHOME + '/pgdata', PGROOT, '/run/postgresql'):
        os.makedirs(d, exist_ok=True)
        os.chown(d, uid, gid)
    os.chmod(PGROOT, 0o700)
    remove_stale_socket_locks()
    prepare_pgbackrest(uid, gid)
    ensure_certificate(uid, gid)
    write_private(CONFIG_FILE, yaml.safe_dump(config, default_flow_style=False), uid, gid)
    write_private(ADMIN_FILE, yaml.safe_dump({'user': env('PGUSER_ADMIN', 'admin'),
                                              'password': env('PGPASSWORD_ADMIN', 'admin')}), uid, gid)
    log('scope {} member {} etcd3 {}'.format(config['scope'], config['name'], ','.join(config['etcd3']['hosts'])))
    warn_if_weak(config)
    for name in list(os.environ):
        if name.startswith('PGPASSWORD') or name in ('SPILO_CONFIGURATION', 'PATRONI_RESTAPI_PASSWORD',
                                                     'PATRONI_ETCD3_PASSWORD'):
            del os.environ[name]
    os.environ.update({'HOME': PGHOME, 'USER': 'postgres', 'LOGNAME': 'postgres'})
    os.chdir(PGHOME)
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    start_pgbackrest_server()
    os.execvp('patroni', ['patroni', CONFIG_FILE])


if __name__ == '__main__':
    main()
