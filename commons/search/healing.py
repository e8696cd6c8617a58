"""An index that is missing, or was built by an older SCHEMA_VERSION, heals itself: one full rebuild is queued.

Whoever finds the index absent — a search (page or API), an indexing job, the worker when it starts and every
few minutes — calls `ensure_index()`. It queues `rebuild_index_job` only if it can create the marker file
`<index>.rebuild-queued` (O_EXCL: one process wins, the others see the marker), so a rebuild is queued once, and
the web request itself only enqueues. While the job runs, its progress keeps the marker fresh; a marker left
untouched for REQUEST_STALE_SECONDS (a worker killed mid-rebuild, a queue that lost the job) is taken over by
the next caller, which queues the rebuild again. Meanwhile searches answer with `rebuilding` set, and the page
says so instead of showing zero results.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import uuid
from pathlib import Path

from flask import current_app
from whoosh import index as whoosh_index

from commons.search.schema import INDEX_NAME

log = logging.getLogger(__name__)

#: a queued or running rebuild whose marker has not been touched for this long is presumed lost
REQUEST_STALE_SECONDS = 600
#: seconds between two touches of the marker by a running rebuild
HEARTBEAT_SECONDS = 5


def _index_dir() -> Path:
    from commons.search.index import index_dir

    return index_dir()


def marker_path() -> Path:
    folder = _index_dir()
    return folder.with_name(f"{folder.name}.rebuild-queued")


def index_ready() -> bool:
    """Whether an index of the current schema version is in place."""
    return whoosh_index.exists_in(str(_index_dir()), indexname=INDEX_NAME)


def ensure_index() -> bool:
    """Queue one full rebuild if the index is missing or of an older version and none is queued or running.

    Returns True while the index is not ready (being rebuilt), False when it is there."""
    if index_ready():
        return False
    if _claim():
        from commons.search.tasks import rebuild_index_job

        log.warning("search index %s missing or of an older version: a full rebuild is queued", _index_dir())
        try:
            rebuild_index_job()
        except Exception:  # the queue is down: let the next caller try again
            release()
            raise
    return True


def _claim() -> bool:
    """Create the marker; False if another process holds a fresh one."""
    path = marker_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return _create(path) or _take_over_stale(path)


def _create(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as handle:
        handle.write(f"{os.getpid()} {time.time():.0f}\n")
    return True


def _take_over_stale(path: Path) -> bool:
    try:
        if time.time() - path.stat().st_mtime < REQUEST_STALE_SECONDS:
            return False
        retired = path.with_name(f"{path.name}.stale-{uuid.uuid4().hex}")
        path.rename(retired)  # only one of the processes racing here succeeds
    except FileNotFoundError:
        return False
    retired.unlink(missing_ok=True)
    log.warning("search index rebuild marker was stale: queuing the rebuild again")
    return _create(path)


def release() -> None:
    marker_path().unlink(missing_ok=True)


def rebuild_queued() -> bool:
    """Whether a rebuild is queued or running (a fresh marker)."""
    try:
        return time.time() - marker_path().stat().st_mtime < REQUEST_STALE_SECONDS
    except FileNotFoundError:
        return False


def run_queued_rebuild() -> int:
    """The job's work: rebuild unless someone already did, keeping the marker fresh; returns resources indexed.

    A failed rebuild keeps the marker, so it is tried again only once the marker is stale, not at every search."""
    from commons.search.index import rebuild

    if index_ready():
        release()
        return 0
    path, last = marker_path(), [0.0]

    def heartbeat(_done: int) -> None:
        now = time.monotonic()
        if now - last[0] >= HEARTBEAT_SECONDS:
            last[0] = now
            with contextlib.suppress(FileNotFoundError):
                os.utime(path)

    heartbeat(0)
    procs = int(current_app.config.get("SEARCH_REBUILD_PROCS", 1))
    started = time.perf_counter()
    count = rebuild(procs=procs, progress=heartbeat)
    release()
    log.warning("search index rebuilt: %s resources in %.1f s", count, time.perf_counter() - started)
    return count
