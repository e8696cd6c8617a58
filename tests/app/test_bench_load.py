"""The load bench keeps working: its learners browse a real gunicorn server on SQLite without an error."""

from __future__ import annotations

import os

from bench import load


def test_five_learners_browse_and_post_progress_for_three_seconds_without_errors(monkeypatch):
    monkeypatch.setenv("TERREAU_BENCH_WORKERS", "1")  # one process starts faster; the figures do not matter here
    monkeypatch.setenv("TERREAU_BENCH_THREADS", "4")
    monkeypatch.setenv("TERREAU_INSTANCE_PATH", os.environ["TERREAU_INSTANCE_PATH"])  # run() moves it: restored after

    figures = {name: value for name, value, _unit in load.run(seconds=3, learners=5, backend="sqlite")}

    assert figures["sqlite_learners"] == 5
    assert figures["sqlite_requests"] >= 4  # seeded: four learners' first actions fall between 1.3 and 2.4 s
    assert figures["sqlite_errors"] == 0
    assert figures["sqlite_requests_per_s"] > 0
    assert 0 < figures["sqlite_p50_ms"] <= figures["sqlite_p95_ms"]
