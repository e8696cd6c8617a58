"""Usage statistics fed by paths: enrolments, step completions and course completions, sent to the observatory.

Observatory sits below paths in the layers and listens to the named blinker signal `terreau.usage` (see
observatory/__init__.py). Paths sends it only for what was committed: `after_flush` notes the enrolments created and
the completions that appeared in the flush (whatever code path made them: enrolment pages, invitations, CSV, the
progress API), `after_commit` queues one job for them, a rollback forgets them. The job sends the signal in an
application context of its own (a fresh database session: it may run inline inside another session's commit) and
commits. Every event has a `dedupe_key`, so a retried job or batch is counted once.
"""

from __future__ import annotations

import logging
from datetime import datetime

import sqlalchemy as sa
from blinker import signal
from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.db import db, utcnow
from app.jobs import job
from courses.models import Step
from paths.models import Enrolment, EnrolmentStatus, StepProgress

log = logging.getLogger(__name__)

#: the observatory's signal (observatory.service.usage.USAGE_SIGNAL), by name: paths may not import observatory
usage_signal = signal("terreau.usage")
PENDING = "paths_usage_pending"


def _added(obj, name: str):
    """The value `name` received in this flush, or None."""
    added = sa.inspect(obj).attrs[name].history.added
    return added[0] if added and added[0] is not None else None


def note(session: Session, kind: str, enrolment_id: int, at: datetime, step_id: int | None = None) -> None:
    """Count an event once `session` commits: kind "enrolment", "step" (a completed step) or "course".
    The flush listener calls it for ORM changes; code that completes steps with Core statements calls it too."""
    entry = {"kind": kind, "enrolment": enrolment_id, "at": at.isoformat()}
    if step_id is not None:
        entry["step"] = step_id
    session.info.setdefault(PENDING, []).append(entry)


def _note_flush(session: Session, _flush_context) -> None:
    for obj in session.new:
        if isinstance(obj, Enrolment) and obj.status == EnrolmentStatus.ACTIVE:
            note(session, "enrolment", obj.id, obj.created_dt or utcnow())
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, StepProgress) and (done := _added(obj, "completed_dt")):
            note(session, "step", obj.enrolment_id, done, obj.step_id)
        elif isinstance(obj, Enrolment) and (done := _added(obj, "completed_dt")):
            note(session, "course", obj.id, done)


def _enqueue(session: Session) -> None:
    notes = session.info.pop(PENDING, None)
    if not notes:
        return
    try:
        send_usage_job(notes)
    except Exception:  # the commit stands; statistics never break learning
        log.exception("could not queue %d usage event(s) for the observatory", len(notes))


def _forget(session: Session, *_args) -> None:
    session.info.pop(PENDING, None)


def connect_listeners() -> None:
    """Follow every ORM session (once per process)."""
    if event.contains(Session, "after_commit", _enqueue):
        return
    event.listen(Session, "after_flush", _note_flush)
    event.listen(Session, "after_commit", _enqueue)
    event.listen(Session, "after_rollback", _forget)


@job(retries=3, retry_delay=10)
def send_usage_job(notes: list[dict]) -> None:
    """Send the noted events through `terreau.usage` and commit what the receivers recorded."""
    with current_app._get_current_object().app_context():  # a database session of its own
        try:
            for note in notes:
                send_usage(note)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise


def send_usage(note: dict) -> None:
    """One noted event → one `terreau.usage` signal, with the learner, the course's partner and a dedupe key."""
    enrolment = db.session.get(Enrolment, note["enrolment"])
    if enrolment is None:  # removed meanwhile: nothing left to count
        return
    course = enrolment.session.course
    common = {"partner_id": course.owner_partner_id, "user_id": enrolment.user_id,
              "occurred_dt": datetime.fromisoformat(note["at"])}
    if note["kind"] == "enrolment":
        usage_signal.send("paths", kind="enrolment", subject=f"session:{enrolment.session_id}",
                          dedupe_key=f"paths:enrolment:{enrolment.id}", **common)
    elif note["kind"] == "step":
        step = db.session.get(Step, note["step"])
        usage_signal.send("paths", kind="completion", resource_id=step.resource_id if step else None,
                          subject=f"step:{note['step']}", dedupe_key=f"paths:completion:{enrolment.id}:{note['step']}",
                          **common)
    else:
        usage_signal.send("paths", kind="completion", subject=f"course:{course.id}",
                          dedupe_key=f"paths:course-completion:{enrolment.id}", **common)
