"""The summaries a batch of new progress events changes, computed in memory and written back set-based.

`record_batch` (paths.progress) has stored the new events and holds the learner's lock (FOR UPDATE on the
enrolment with PostgreSQL, the single writer's lock with SQLite), so the learner's step progress read here cannot
change under it. Each touched step's progress is read in one query, updated event by event (segments merged,
completion rules applied), and written back in one upsert; the enrolment and the per-sequence counts are updated
by relative statements (`steps_done = steps_done + n`), so they never depend on a copy read earlier. Everything
happens in the caller's transaction, with the events themselves.
"""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from app.db import db
from courses.models import VIDEO_SHARE_REQUIRED, CompletionRule
from paths import usage
from paths.models import Enrolment, EventKind, SequenceProgress, StepProgress

#: the columns of a step's progress that events change
STEP_FIELDS = ("first_opened_dt", "last_opened_dt", "segments", "video_seconds", "completed_dt")


def merge_segments(segments) -> list[list[float]]:
    """Sorted, non-overlapping [start, end] intervals covering the same seconds as `segments`."""
    merged: list[list[float]] = []
    for start, end in sorted((float(s), float(e)) for s, e in segments if float(e) > float(s)):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def played_share(segments, duration: float | None) -> float:
    """Share of the video actually played: the union of the segments (clipped to the video), over its length."""
    if not duration or duration <= 0:
        return 0.0
    played = sum(min(end, duration) - max(start, 0.0) for start, end in merge_segments(segments)
                 if min(end, duration) > max(start, 0.0))
    return min(1.0, played / duration)


@dataclass
class LearnerChanges:
    """What a batch changes in one enrolment's summary."""

    session_id: int
    total_steps: int
    steps_done: int = 0
    last_step_id: int | None = None
    #: sequence id -> [steps newly done, the sequence's size]
    sequences: dict[int, list[int]] = field(default_factory=dict)


def insert_for_dialect(table: sa.Table, dialect: str):
    """INSERT with the ON CONFLICT clauses of `dialect` (postgresql or sqlite)."""
    return postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def read_step_progress(keys: set[tuple[int, int]]) -> dict[tuple[int, int], dict]:
    """The current progress of each (enrolment id, step id), as plain dicts (none yet: empty values)."""
    rows = db.session.execute(_step_progress_query(), {"enrolment_ids": sorted({e for e, _ in keys}),
                                                       "step_ids": sorted({s for _, s in keys})})
    found = {(row.enrolment_id, row.step_id): dict(zip(STEP_FIELDS, row[2:], strict=True)) for row in rows}
    return {key: found.get(key) or dict.fromkeys(STEP_FIELDS) for key in keys}


def apply_event(progress: dict, step, kind: EventKind, row: dict, now: datetime) -> bool:
    """Update one step's progress for one stored event; True when the step became complete."""
    if kind == EventKind.OPENED:
        progress["first_opened_dt"] = progress["first_opened_dt"] or row["occurred_dt"]
        progress["last_opened_dt"] = row["occurred_dt"]
        complete = step.rule == CompletionRule.VIEWED
    elif kind == EventKind.VIDEO:
        progress["segments"] = merge_segments(list(progress["segments"] or []) + row["payload"]["segments"])
        progress["video_seconds"] = row["payload"].get("duration") or progress["video_seconds"]
        complete = step.rule == CompletionRule.VIDEO and \
            played_share(progress["segments"], progress["video_seconds"]) >= VIDEO_SHARE_REQUIRED
    else:
        complete = step.rule in (CompletionRule.DONE, CompletionRule.VIEWED)
    if not complete or progress["completed_dt"] is not None:
        return False
    progress["completed_dt"] = now
    return True


def apply_events(stored: list[dict], learners: dict, now: datetime, result) -> None:
    """Apply the newly stored events (in order) to the summaries and write them; `learners` maps session ids to
    `paths.progress.Learner`, `result` is the batch's result, whose completed steps are appended."""
    keys = {(learners[row["session_id"]].enrolment_id, row["step_id"]) for row in stored}
    progress = read_step_progress(keys)
    before = {key: dict(values) for key, values in progress.items()}
    changes: dict[int, LearnerChanges] = {}
    for row in stored:
        learner = learners[row["session_id"]]
        step = learner.steps[row["step_id"]]
        kind = EventKind(row["kind"])
        change = changes.setdefault(learner.enrolment_id, LearnerChanges(row["session_id"], learner.total_steps))
        if kind == EventKind.OPENED:
            change.last_step_id = row["step_id"]
        if apply_event(progress[learner.enrolment_id, row["step_id"]], step, kind, row, now):
            result.completed_steps.append(row["step_id"])
            usage.note(db.session, "step", learner.enrolment_id, now, row["step_id"])
            change.steps_done += 1
            change.sequences.setdefault(step.sequence_id, [0, step.sequence_size])[0] += 1
    write_step_progress({key: values for key, values in progress.items() if values != before[key]})
    for enrolment_id, change in changes.items():
        write_enrolment(enrolment_id, change, now)
    write_sequence_counts(changes, now)
    _expire_loaded_summaries()


def write_step_progress(changed: dict[tuple[int, int], dict]) -> None:
    """One upsert on (enrolment, step): the rows hold their final values, computed under the learner's lock."""
    if changed:
        db.session.execute(_step_upsert(_dialect()), [
            {"enrolment_id": enrolment_id, "step_id": step_id, **values, "segments": values["segments"] or []}
            for (enrolment_id, step_id), values in changed.items()])


def write_enrolment(enrolment_id: int, change: LearnerChanges, now: datetime) -> None:
    """The learner's summary: activity, last opened step, steps done, and course completion (with the code of
    its attestation) when this batch's completions bring the count to every step of the course."""
    completed = db.session.execute(_enrolment_update(), {
        "enrolment_id": enrolment_id, "now": now, "last_step_id": change.last_step_id, "done": change.steps_done,
        "total": change.total_steps, "code": secrets.token_urlsafe(18) if change.steps_done else None}).scalar()
    if change.steps_done and completed is not None and completed == now:
        usage.note(db.session, "course", enrolment_id, now)  # the statistics count the completion after commit


def write_sequence_counts(changes: dict[int, LearnerChanges], now: datetime) -> None:
    """Per learner and sequence, the steps newly done (added to the count) and the date the sequence was
    completed: one upsert."""
    rows = [{"session_id": change.session_id, "enrolment_id": enrolment_id, "sequence_id": sequence_id,
             "steps_done": done, "completed_dt": now if done >= size else None, "size": size, "now": now}
            for enrolment_id, change in changes.items() for sequence_id, (done, size) in change.sequences.items()]
    if rows:
        db.session.execute(_sequence_upsert(_dialect()), rows)


# The statements, built once per process (their SQLAlchemy cache keys with them) -------------------------------

@functools.cache
def _step_progress_query():
    table = StepProgress.__table__
    return (sa.select(table.c.enrolment_id, table.c.step_id, *(table.c[name] for name in STEP_FIELDS))
            .where(table.c.enrolment_id.in_(sa.bindparam("enrolment_ids", expanding=True)),
                   table.c.step_id.in_(sa.bindparam("step_ids", expanding=True))))


@functools.cache
def _step_upsert(dialect: str):
    statement = insert_for_dialect(StepProgress.__table__, dialect)
    return statement.on_conflict_do_update(index_elements=["enrolment_id", "step_id"],
                                           set_={name: statement.excluded[name] for name in STEP_FIELDS})


@functools.cache
def _enrolment_update():
    table = Enrolment.__table__
    now = sa.bindparam("now", type_=table.c.last_activity_dt.type)
    done = sa.bindparam("done", type_=sa.Integer)
    completes = sa.and_(done > 0, table.c.completed_dt.is_(None),
                        table.c.steps_done + done >= sa.bindparam("total", type_=sa.Integer))
    return sa.update(table).where(table.c.id == sa.bindparam("enrolment_id")).values(
        last_activity_dt=now, updated_dt=now,
        last_step_id=sa.func.coalesce(sa.bindparam("last_step_id", type_=sa.Integer), table.c.last_step_id),
        steps_done=table.c.steps_done + done,
        completed_dt=sa.case((completes, now), else_=table.c.completed_dt),
        attestation_code=sa.case((completes, sa.bindparam("code", type_=sa.String)), else_=table.c.attestation_code),
    ).returning(table.c.completed_dt)


@functools.cache
def _sequence_upsert(dialect: str):
    table = SequenceProgress.__table__
    statement = insert_for_dialect(table, dialect).values(
        {name: sa.bindparam(name, type_=table.c[name].type)
         for name in ("session_id", "enrolment_id", "sequence_id", "steps_done", "completed_dt")})
    done = table.c.steps_done + statement.excluded.steps_done
    completes = sa.and_(table.c.completed_dt.is_(None), done >= sa.bindparam("size", type_=sa.Integer))
    return statement.on_conflict_do_update(index_elements=["enrolment_id", "sequence_id"], set_={
        "steps_done": done,
        "completed_dt": sa.case((completes, sa.bindparam("now", type_=table.c.completed_dt.type)),
                                else_=table.c.completed_dt)})


def _expire_loaded_summaries() -> None:
    """Summaries already loaded as objects in this session were written behind their back: reload them on use."""
    for instance in list(db.session.identity_map.values()):
        if isinstance(instance, Enrolment | StepProgress | SequenceProgress):
            db.session.expire(instance)
