"""Exit 0 when the PostgreSQL server of a database URL answers, 1 otherwise."""

import sys

import psycopg

url = sys.argv[1].replace("/mengpaneel", "/postgres", 1) if len(sys.argv) > 1 else ""
try:
    psycopg.connect(url, connect_timeout=3).close()
except psycopg.Error:
    sys.exit(1)
