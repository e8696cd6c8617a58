"""Progress events expressed as xAPI statements (ADL verbs), for the export and the optional LRS push."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from flask import current_app

from app.accounts.models import User
from app.db import db
from courses.models import Step
from paths.models import CourseSession, EventKind, ProgressEvent
from paths.progress import played_share

VERBS = {
    EventKind.OPENED: ("http://adlnet.gov/expapi/verbs/experienced", "experienced"),
    EventKind.VIDEO: ("http://adlnet.gov/expapi/verbs/progressed", "progressed"),
    EventKind.DONE: ("http://adlnet.gov/expapi/verbs/completed", "completed"),
}
#: statement ids are stable: the same event always gives the same statement (an LRS then ignores a resend)
NAMESPACE = uuid.UUID("6f7a1c2e-4b1d-4e0a-9a51-7d2f3c1b9e10")


def _base() -> str:
    return current_app.config["PUBLIC_URL"].rstrip("/")


def statement(event: ProgressEvent, user: User, session: CourseSession, step: Step | None) -> dict:
    verb_id, verb_name = VERBS[event.kind]
    base = _base()
    body = {
        "id": str(uuid.uuid5(NAMESPACE, f"{event.user_id}:{event.client_id}")),
        "actor": {"objectType": "Agent", "name": user.name, "mbox": f"mailto:{user.email}"},
        "verb": {"id": verb_id, "display": {"en-US": verb_name}},
        "object": {
            "objectType": "Activity",
            "id": f"{base}/sessions/{session.id}/etapes/{event.step_id}",
            "definition": {"name": {"fr-FR": step.title if step else ""},
                           "type": "http://adlnet.gov/expapi/activities/lesson"},
        },
        "context": {"contextActivities": {"parent": [{"objectType": "Activity",
                                                      "id": f"{base}/sessions/{session.id}"}]},
                    "registration": str(uuid.uuid5(NAMESPACE, f"enrolment:{session.id}:{event.user_id}"))},
        "timestamp": event.occurred_dt.isoformat(),
    }
    if event.kind == EventKind.VIDEO:
        payload = event.payload or {}
        body["result"] = {"extensions": {
            "https://w3id.org/xapi/video/extensions/played-segments": "[,]".join(
                f"{s:g}[.]{e:g}" for s, e in payload.get("segments", [])),
            "https://w3id.org/xapi/video/extensions/progress": round(
                played_share(payload.get("segments", []), payload.get("duration")), 3)}}
    return body


def statements(session: CourseSession, after_id: int = 0, limit: int = 500) -> tuple[list[dict], int | None]:
    """One page of the session's statements, oldest first, and the cursor of the next page (None at the end)."""
    rows = db.session.execute(
        sa.select(ProgressEvent, User).join(User, User.id == ProgressEvent.user_id)
        .where(ProgressEvent.session_id == session.id, ProgressEvent.id > after_id)
        .order_by(ProgressEvent.id).limit(limit + 1)).all()
    steps = {step.id: step for step in session.course.steps}
    page = [statement(event, user, session, steps.get(event.step_id)) for event, user in rows[:limit]]
    next_cursor = rows[limit - 1][0].id if len(rows) > limit else None
    return page, next_cursor
