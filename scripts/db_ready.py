"""Exit 0 when the PostgreSQL server of a database URL answers, 1 otherwise.

It asks the server's own `postgres` database: the one in the URL may not exist yet
(pytest creates `test_<name>`).
"""

import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg

parts = urlsplit(sys.argv[1] if len(sys.argv) > 1 else "")
if not parts.scheme:
    sys.exit(1)
url = urlunsplit(parts._replace(path="/postgres"))
try:
    psycopg.connect(url, connect_timeout=3).close()
except psycopg.Error:
    sys.exit(1)
