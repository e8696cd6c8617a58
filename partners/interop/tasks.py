"""Background jobs: one sync run, and the schedule that queues the sources whose interval has passed."""

from __future__ import annotations

import sqlalchemy as sa
from huey import crontab

from app.db import db
from app.jobs import huey, job
from partners.interop import service
from partners.interop.models import SyncSource


@job()
def interop_run_sync(source_id: int, trigger: str = "schedule") -> dict:
    """Run one source and commit what it did (or its failed run)."""
    source = db.session.get(SyncSource, source_id)
    if source is None:
        return {"source": source_id, "status": "missing"}
    run = service.run_source(source, trigger)
    db.session.commit()
    return {"source": source_id, "run": run.id, "status": run.status.value}


@job()
def interop_queue_due_sources() -> list[int]:
    """Queue a run for every active source whose interval has passed since its last run."""
    sources = db.session.scalars(sa.select(SyncSource).where(SyncSource.is_active.is_(True),
                                                             SyncSource.interval_minutes > 0))
    due = [source.id for source in sources if source.is_due()]
    for source_id in due:
        interop_run_sync(source_id, "schedule")
    return due


@huey.periodic_task(crontab(minute="*"))
def interop_schedule_tick():
    """Every minute, in the worker: look for due sources (the check itself is a job, run in an app context)."""
    interop_queue_due_sources()
