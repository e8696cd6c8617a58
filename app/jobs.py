"""The job queue (Huey): stored in SQLite under the instance folder by default, in Redis when `REDIS_URL` is set.

Packages declare jobs with `@job()`; a job runs inside an application context. `flask jobs worker` consumes
the queue; `make run` starts one beside the web server.
"""

from __future__ import annotations

import functools
import os
import socket
import time

import sqlalchemy as sa
from flask import current_app, has_app_context
from huey import RedisHuey
from huey.api import Huey
from huey.storage import SqliteStorage

from app.config import instance_path
from app.db import db


class _SqliteStorage(SqliteStorage):
    """Huey's SQLite queue in WAL mode with synchronous=NORMAL, as the main database (app.db): a job queued
    after a request's commit no longer waits for an fsync (~10 ms on a busy disk, on every request that queues
    one). A power cut may lose the last jobs queued, never corrupt the queue."""

    def _create_connection(self):
        conn = super()._create_connection()
        conn.execute("pragma synchronous=NORMAL")
        return conn


def make_huey() -> Huey:
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return RedisHuey("terreau", url=redis_url)
    folder = instance_path()
    folder.mkdir(parents=True, exist_ok=True)
    return Huey("terreau", storage_class=_SqliteStorage, filename=str(folder / "jobs.db"))


huey = make_huey()
_worker_app = None


def _app_for_worker():
    global _worker_app
    if _worker_app is None:
        from app import create_app

        _worker_app = create_app()
    return _worker_app


def job(**task_options):
    """Declare a background job; the function runs in an app context and commits nothing by itself."""

    def decorate(func):
        @functools.wraps(func)
        def in_app_context(*args, **kwargs):
            if has_app_context():
                return func(*args, **kwargs)
            with _app_for_worker().app_context():
                return func(*args, **kwargs)

        return huey.task(**task_options)(in_app_context)

    return decorate


@job(expires=60)
def ping(sent_at: float) -> dict:
    """Health check of the queue (`flask jobs ping`): a worker answers, having reached the database."""
    db.session.execute(sa.text("SELECT 1"))
    return {"pong": True, "sent_at": sent_at, "answered_at": time.time(), "host": socket.gethostname(),
            "pid": os.getpid(), "database": db.engine.dialect.name}


def queue_name() -> str:
    return "redis" if isinstance(huey, RedisHuey) else "sqlite"


def pending_count() -> int:
    return huey.pending_count()


def run_worker(workers: int = 1, app=None) -> None:
    """Run the Huey consumer in this process until it is stopped (SIGINT/SIGTERM)."""
    from huey.consumer import Consumer

    global _worker_app
    _worker_app = app or (current_app._get_current_object() if has_app_context() else None)
    Consumer(huey, workers=workers, worker_type="thread", periodic=True).run()
