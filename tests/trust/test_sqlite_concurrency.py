"""The demo on SQLite under concurrent requests: no 500s, and the losers of a race get the answer
they get on PostgreSQL (issue 9: concurrent submits of one skill test answered "database is
locked"). Real threads against a file-based database, in a subprocess (`sqlite_race.py`)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THREADS = 12


def test_concurrent_submits_on_a_sqlite_file_are_serialized_not_refused(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL"}}
    run = subprocess.run(
        [sys.executable, "-m", "tests.trust.sqlite_race", str(tmp_path / "demo.sqlite3"), str(THREADS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])

    assert report["journal_mode"] == "wal"
    # The skill test: every submit is answered with the application page, as on PostgreSQL
    # (the winner's answers graded, the others told it was already submitted); one transition.
    test = report["test"]
    assert test["results"] == [[302, test["detail"]]] * THREADS
    assert test["graded"] and test["attempts_submitted"] == 1
    assert test["stage_results"] == 1 and test["audit_submits"] == 1
    # The same need form posted at once: one need, every answer is its page.
    need = report["need"]
    assert len(need["ids"]) == 1
    assert need["results"] == [[302, need["detail"]]] * THREADS
