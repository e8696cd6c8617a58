"""Background jobs of paths: the learners' CSV export and the push of xAPI statements to an LRS."""

from __future__ import annotations

import json
import os
import secrets
import time
import urllib.request
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import User
from app.db import db, utcnow
from app.jobs import huey, job
from paths.dashboard import write_csv
from paths.models import CourseSession, ExportJob, ProgressEvent
from paths.xapi import statement

#: statements per POST to the LRS (setting LRS_BATCH)
LRS_BATCH = 500
#: the queue's key marking a push job as queued, and the age after which that mark is deemed lost
LRS_PUSH_PENDING = "paths:lrs-push-pending"
LRS_PUSH_STALE_S = 600


def exports_folder() -> Path:
    folder = Path(current_app.instance_path) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def produce_export(export_id: int) -> ExportJob:
    """Write the CSV of an export job (the job below calls this; the benchmark too)."""
    export = db.session.get(ExportJob, export_id)
    session = db.session.get(CourseSession, export.session_id)
    filename = f"session-{session.id}-{secrets.token_hex(8)}.csv"
    try:
        with open(exports_folder() / filename, "w", newline="", encoding="utf-8") as out:
            export.rows = write_csv(session, out)
        export.filename, export.status = filename, "done"
    except OSError:
        export.status = "failed"
    export.finished_dt = utcnow()
    db.session.commit()
    return export


@job(retries=2, retry_delay=10)
def export_learners_csv(export_id: int) -> None:
    produce_export(export_id)


def lrs_configured() -> bool:
    return bool(current_app.config.get("LRS_URL") or os.environ.get("TERREAU_LRS_URL"))


def request_lrs_push() -> bool:
    """Queue one push job unless one is already waiting (the statements of later batches, whoever the learner,
    are left to it); True when this call queued the job. One small key write in the queue's store: the learner
    never waits for the LRS. A mark older than LRS_PUSH_STALE_S (its job lost with a crashed worker) is replaced."""
    now = time.time()
    if not huey.put_if_empty(LRS_PUSH_PENDING, now):
        since = huey.get(LRS_PUSH_PENDING, peek=True)
        if since is not None and now - since < LRS_PUSH_STALE_S:
            return False
        huey.put(LRS_PUSH_PENDING, now)
    push_to_lrs()
    return True


def _lrs_request(url: str, body: list[dict]) -> urllib.request.Request:
    headers = {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3",
               "Authorization": os.environ.get("TERREAU_LRS_AUTH", "")}
    return urllib.request.Request(  # noqa: S310 - the URL is the operator's own setting
        url.rstrip("/") + "/statements", data=json.dumps(body).encode(), method="POST", headers=headers)


def _pending_chunk(limit: int) -> list[tuple[ProgressEvent, User]]:
    return list(db.session.execute(
        sa.select(ProgressEvent, User).join(User, User.id == ProgressEvent.user_id)
        .where(ProgressEvent.lrs_sent_dt.is_(None)).order_by(ProgressEvent.id).limit(limit)).all())


def push_pending_statements() -> int:
    """Send every unsent event to the LRS (TERREAU_LRS_URL), oldest first, in POSTs of LRS_BATCH statements
    mixing all learners and sessions; each chunk is marked sent by one UPDATE once the LRS accepted it.
    Returns how many were sent."""
    url = current_app.config.get("LRS_URL") or os.environ.get("TERREAU_LRS_URL")
    if not url:
        return 0
    limit = int(current_app.config.get("LRS_BATCH", LRS_BATCH))
    sessions: dict[int, CourseSession] = {}
    steps: dict = {}
    sent = 0
    while rows := _pending_chunk(limit):
        body = []
        for event, user in rows:
            if event.session_id not in sessions:
                sessions[event.session_id] = db.session.get(CourseSession, event.session_id)
                steps.update({s.id: s for s in sessions[event.session_id].course.steps})
            body.append(statement(event, user, sessions[event.session_id], steps.get(event.step_id)))
        with urllib.request.urlopen(_lrs_request(url, body), timeout=30):  # noqa: S310 - the operator's setting
            pass
        db.session.execute(sa.update(ProgressEvent).where(ProgressEvent.id.in_([e.id for e, _ in rows]))
                           .values(lrs_sent_dt=utcnow()), execution_options={"synchronize_session": False})
        db.session.commit()
        for event, _user in rows:  # a long backlog is not kept in memory
            db.session.expunge(event)
        sent += len(rows)
    return sent


@job(retries=3, retry_delay=60)
def push_to_lrs() -> int:
    """Drain the pending statements; batches arriving from now on queue the next job."""
    huey.get(LRS_PUSH_PENDING, peek=False)
    return push_pending_statements()
