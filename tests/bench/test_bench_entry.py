"""`make bench` migrates the database it is pointed at (issue 9: on a fresh, empty database it
failed with `relation "accounts_user" does not exist`)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.conftest import require_postgres

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services


@pytest.mark.usefixtures("db")
def test_the_bench_entry_point_migrates_a_fresh_empty_database():
    require_postgres()
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    server = f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    name = f"{s['NAME']}_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {**os.environ, "DATABASE_URL": f"{server}/{name}".replace("postgresql://", "postgres://")}
        run = subprocess.run(
            [sys.executable, "-c", "import bench.__main__ as bench; bench.prepare_database()"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        with psycopg.connect(f"{server}/{name}") as fresh:
            assert fresh.execute("SELECT count(*) FROM accounts_user").fetchone() == (0,)
            assert fresh.execute("SELECT count(*) FROM vetting_level").fetchone()[0] > 0  # data migrations
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
