#!/usr/bin/env python3
"""Patroni post_bootstrap hook: creates Spilo's admin role (PGUSER_ADMIN/PGPASSWORD_ADMIN)."""
import sys

import psycopg2
import yaml
from psycopg2 import sql

with open('/home/postgres/.admin_credentials') as f:
    admin = yaml.safe_load(f)
conn = psycopg2.connect(sys.argv[1])
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute('SELECT 1 FROM pg_roles WHERE rolname = %s', (admin['user'],))
    if cur.fetchone() is None:
        cur.execute(sql.SQL('CREATE ROLE {} LOGIN CREATEDB CREATEROLE PASSWORD {}').format(
            sql.Identifier(admin['user']), sql.Literal(admin['password'])))
conn.close()
