"""What the facilitator's dashboard reads: counts over the summaries, never over raw events."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from app.accounts.models import User
from app.db import db, utcnow
from app.http import Page
from courses.service import step_count
from paths.models import CourseSession, Enrolment, EnrolmentStatus, SequenceProgress

#: sort keys of the learners table -> columns
SORTS = {
    "name": (User.name, User.id),
    "-name": (User.name.desc(), User.id.desc()),
    "progress": (Enrolment.steps_done, User.name),
    "-progress": (Enrolment.steps_done.desc(), User.name),
    "activity": (Enrolment.last_activity_dt.asc().nulls_first(), User.name),
    "-activity": (Enrolment.last_activity_dt.desc().nulls_last(), User.name),
}
ACTIVE_DAYS = 7
INACTIVE_DAYS = 14


@dataclass
class SequenceBar:
    position: int
    title: str
    completed: int
    share: float


@dataclass
class Overview:
    enrolled: int
    active: int
    inactive: int
    completed: int
    total_steps: int
    sequences: list[SequenceBar]


def _active_learners(session: CourseSession):
    return sa.and_(Enrolment.session_id == session.id, Enrolment.status == EnrolmentStatus.ACTIVE)


def overview(session: CourseSession) -> Overview:
    """Headline counts and completion per sequence, from `Enrolment` and `SequenceProgress`."""
    now = utcnow()
    week, fortnight = now - timedelta(days=ACTIVE_DAYS), now - timedelta(days=INACTIVE_DAYS)
    row = db.session.execute(sa.select(
        sa.func.count(),
        sa.func.count().filter(Enrolment.last_activity_dt >= week),
        sa.func.count().filter(sa.or_(Enrolment.last_activity_dt.is_(None), Enrolment.last_activity_dt < fortnight)),
        sa.func.count().filter(Enrolment.completed_dt.is_not(None)),
    ).where(_active_learners(session))).one()
    done = _completed_per_sequence(session)
    enrolled = row[0]
    bars = [SequenceBar(s.position, s.title, done.get(s.id, 0), done.get(s.id, 0) / enrolled if enrolled else 0.0)
            for s in session.course.sequences]
    return Overview(enrolled, row[1], row[2], row[3], step_count(session.course_id), bars)


def _completed_per_sequence(session: CourseSession) -> dict[int, int]:
    """Learners who finished each sequence: an index-only count, minus the few who left the session."""
    def counts(query) -> dict[int, int]:
        rows = db.session.execute(
            query.where(SequenceProgress.session_id == session.id, SequenceProgress.completed_dt.is_not(None))
            .group_by(SequenceProgress.sequence_id))
        return dict(rows.all())  # a list of rows: dict() would read a Result as a mapping

    select = sa.select(SequenceProgress.sequence_id, sa.func.count())
    done = counts(select)
    gone = counts(select.join(Enrolment, Enrolment.id == SequenceProgress.enrolment_id)
                  .where(Enrolment.status != EnrolmentStatus.ACTIVE))
    return {sequence_id: count - gone.get(sequence_id, 0) for sequence_id, count in done.items()}


def learners_query(session: CourseSession, q: str = "", inactive: bool = False) -> sa.Select:
    query = (sa.select(Enrolment).join(User, User.id == Enrolment.user_id).where(_active_learners(session)))
    if q:
        pattern = f"%{q.strip()}%"
        query = query.where(sa.or_(User.name.ilike(pattern), User.email.ilike(pattern)))
    if inactive:
        fortnight = utcnow() - timedelta(days=INACTIVE_DAYS)
        query = query.where(sa.or_(Enrolment.last_activity_dt.is_(None), Enrolment.last_activity_dt < fortnight))
    return query


def learners_page(session: CourseSession, q: str = "", sort: str = "name", page: int = 1, per_page: int = 25,
                  inactive: bool = False) -> Page:
    query = learners_query(session, q, inactive)
    count = sa.select(sa.func.count()).select_from(query.order_by(None).subquery())
    total = db.session.scalar(count) or 0
    items = list(db.session.scalars(query.order_by(*SORTS.get(sort, SORTS["name"]))
                                    .limit(per_page).offset((max(page, 1) - 1) * per_page)))
    return Page(items=items, total=total, page=max(page, 1), per_page=per_page)


CSV_HEADER = ["nom", "email", "inscription", "etapes_terminees", "etapes_total", "pourcentage",
              "derniere_activite", "termine_le"]


def write_csv(session: CourseSession, out: io.TextIOBase, chunk: int = 2000) -> int:
    """The learners' progress as CSV, streamed from the summaries; returns the number of learners."""
    total = step_count(session.course_id)
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    query = (sa.select(User.name, User.email, Enrolment.created_dt, Enrolment.steps_done,
                       Enrolment.last_activity_dt, Enrolment.completed_dt)
             .join(User, User.id == Enrolment.user_id).where(_active_learners(session)).order_by(User.name))
    rows = 0
    for row in db.session.execute(query.execution_options(yield_per=chunk)):
        percent = round(100 * row.steps_done / total) if total else 0
        writer.writerow([_safe_cell(row.name), row.email, row.created_dt.isoformat(), row.steps_done, total,
                         percent, row.last_activity_dt.isoformat() if row.last_activity_dt else "",
                         row.completed_dt.isoformat() if row.completed_dt else ""])
        rows += 1
    return rows


def _safe_cell(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: quote them (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
