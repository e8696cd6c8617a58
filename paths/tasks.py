"""Background jobs of paths: the learners' CSV export and the push of xAPI statements to an LRS."""

from __future__ import annotations

import json
import os
import secrets
import urllib.request
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import User
from app.db import db, utcnow
from app.jobs import job
from paths.dashboard import write_csv
from paths.models import CourseSession, ExportJob, ProgressEvent
from paths.xapi import statement

LRS_BATCH = 200


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


def push_pending_statements() -> int:
    """Send unsent events to the LRS (TERREAU_LRS_URL) in batches; returns how many were accepted."""
    url = current_app.config.get("LRS_URL") or os.environ.get("TERREAU_LRS_URL")
    if not url:
        return 0
    sent = 0
    while True:
        rows = db.session.execute(
            sa.select(ProgressEvent, User).join(User, User.id == ProgressEvent.user_id)
            .where(ProgressEvent.lrs_sent_dt.is_(None)).order_by(ProgressEvent.id).limit(LRS_BATCH)).all()
        if not rows:
            return sent
        sessions, steps = {}, {}
        body = []
        for event, user in rows:
            session = sessions.setdefault(event.session_id, db.session.get(CourseSession, event.session_id))
            steps.update({s.id: s for s in session.course.steps})
            body.append(statement(event, user, session, steps.get(event.step_id)))
        headers = {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3",
                   "Authorization": os.environ.get("TERREAU_LRS_AUTH", "")}
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's own setting
            url.rstrip("/") + "/statements", data=json.dumps(body).encode(), method="POST", headers=headers)
        with urllib.request.urlopen(request, timeout=30):  # noqa: S310 - the URL is the operator's setting
            pass
        now = utcnow()
        for event, _user in rows:
            event.lrs_sent_dt = now
        db.session.commit()
        sent += len(rows)


@job(retries=3, retry_delay=60)
def push_to_lrs() -> int:
    return push_pending_statements()
