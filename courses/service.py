"""Operations on courses: create, edit, reorder, publish, copy, trash and restore. They flush; the request commits once.

Removing a step or a sequence sends `course_outline_changed`, so a higher layer (paths) can recount its
learners' summaries in the same transaction.

A step showing a resource that holds a video takes its length (`video_seconds`) from media's probe, when the step
is saved and again whenever media probes the video (`media.signals.media_probed`, see `courses.media_link`).
"""

from __future__ import annotations

import sqlalchemy as sa
from blinker import Namespace

from app import audit
from app.accounts.models import EDITING_ROLES, Partner
from app.db import db, utcnow
from courses import covers
from courses.models import CompletionRule, Course, CourseStatus, Sequence, Step
from media import service as media_service

signals = Namespace()
#: sent with the course after steps were removed: summaries that counted them must be recounted
course_outline_changed = signals.signal("course-outline-changed")
#: sent with a course about to be deleted: each receiver returns the reasons (sentences for people) to refuse
course_deletion_blockers = signals.signal("course-deletion-blockers")

COURSE_FIELDS = ("title", "summary", "level", "estimated_minutes", "licence_id")


def editable_partners(user) -> list[Partner]:
    """Partners under which `user` may author courses."""
    query = sa.select(Partner).where(Partner.is_active.is_(True)).order_by(Partner.name)
    if not user.is_platform_admin:
        query = query.where(Partner.id.in_(user.partner_ids(EDITING_ROLES) or {-1}))
    return list(db.session.scalars(query))


def course_query(user, q: str = "") -> sa.Select:
    query = sa.select(Course).where(Course.visible_to(user)).order_by(Course.title, Course.id)
    if q:
        query = query.where(Course.title.ilike(f"%{q}%"))
    return query


def create_course(data: dict, user) -> Course:
    course = Course(owner_partner_id=data["owner_partner_id"], created_by_id=user.id)
    for field in COURSE_FIELDS:
        if field in data:
            setattr(course, field, data[field])
    db.session.add(course)
    db.session.flush()
    return course


def update_course(course: Course, data: dict) -> Course:
    for field in COURSE_FIELDS:
        if field in data:
            setattr(course, field, data[field])
    db.session.flush()
    return course


def set_published(course: Course, published: bool) -> None:
    course.status = CourseStatus.PUBLISHED if published else CourseStatus.DRAFT
    if published and course.published_dt is None:
        course.published_dt = utcnow()
    db.session.flush()


def add_sequence(course: Course, title: str, summary: str = "") -> Sequence:
    sequence = Sequence(course=course, title=title, summary=summary, position=len(course.sequences) + 1)
    db.session.add(sequence)
    db.session.flush()
    return sequence


def add_step(sequence: Sequence, data: dict) -> Step:
    step = Step(sequence=sequence, position=len(sequence.steps) + 1, title=data["title"],
                intro=data.get("intro", ""), resource_id=data.get("resource_id"),
                completion_rule=data.get("completion_rule", CompletionRule.VIEWED),
                video_seconds=_measured_seconds(data.get("resource_id"), data.get("video_seconds")))
    db.session.add(step)
    db.session.flush()
    return step


def update_step(step: Step, data: dict) -> Step:
    for field in ("title", "intro", "resource_id", "completion_rule", "video_seconds"):
        if field in data:
            setattr(step, field, data[field])
    step.video_seconds = _measured_seconds(step.resource_id, step.video_seconds)
    db.session.flush()
    return step


def _measured_seconds(resource_id: int | None, typed: float | None) -> float | None:
    """The length of the resource's video as media measured it wins over the one typed by the editor."""
    return (resource_id and media_service.video_duration("resource", resource_id)) or typed


def _renumber(items) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position


def move(item: Sequence | Step, direction: str) -> bool:
    """Swap a sequence or step with its neighbour ('up' or 'down'); False when already at that end."""
    parent, attribute = (item.course, "sequences") if isinstance(item, Sequence) else (item.sequence, "steps")
    order = list(getattr(parent, attribute))  # a plain list: reassigning the relationship would orphan items
    index = order.index(item)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(order):
        return False
    order[index], order[other] = order[other], order[index]
    _renumber(order)
    db.session.flush()
    db.session.expire(parent, [attribute])  # read back in the new order
    return True


def delete_step(step: Step) -> None:
    sequence = step.sequence
    sequence.steps.remove(step)
    _renumber(sequence.steps)
    db.session.flush()
    course_outline_changed.send(sequence.course)


def delete_sequence(sequence: Sequence) -> None:
    course = sequence.course
    course.sequences.remove(sequence)
    _renumber(course.sequences)
    db.session.flush()
    course_outline_changed.send(course)


def deletion_refusals(course: Course) -> list[str]:
    """Why `course` may not be deleted (empty: it may). Higher layers answer `course_deletion_blockers`: paths
    refuses while sessions of the course have learners, whose progress and attestations hang on it."""
    return [reason for _receiver, reasons in course_deletion_blockers.send(course) for reason in (reasons or [])]


def delete_course(course: Course) -> None:
    """Put the course in the trash (soft deletion): its page and its sessions disappear; callers check
    `deletion_refusals` first."""
    course.mark_deleted()
    db.session.flush()
    audit.record("course.deleted", course, partner=course.owner_partner_id)


def trash_query(user) -> sa.Select:
    """Deleted courses `user` may restore, most recently deleted first."""
    return (sa.select(Course).where(Course.is_deleted.is_(True), Course.restorable_by(user))
            .order_by(Course.deleted_dt.desc(), Course.id.desc()))


def restore_course(course: Course) -> None:
    """Take the course out of the trash as it was: deleting never touched its sequences, steps or sessions."""
    course.mark_restored()
    db.session.flush()
    audit.record("course.restored", course, partner=course.owner_partner_id)


def copy_course(source: Course, partner_id: int, user) -> Course:
    """A draft copy of `source` owned by `partner_id`, pointing at the same resources, ready to adapt."""
    copy = Course(owner_partner_id=partner_id, created_by_id=user.id, copied_from_id=source.id,
                  title=source.title, summary=source.summary, level=source.level,
                  estimated_minutes=source.estimated_minutes, licence_id=source.licence_id)
    for sequence in source.sequences:
        new_sequence = Sequence(title=sequence.title, summary=sequence.summary, position=sequence.position)
        new_sequence.steps = [Step(title=s.title, intro=s.intro, resource_id=s.resource_id, position=s.position,
                                   completion_rule=s.completion_rule, video_seconds=s.video_seconds)
                              for s in sequence.steps]
        copy.sequences.append(new_sequence)
    covers.copy_cover(source, copy)
    db.session.add(copy)
    db.session.flush()
    return copy


def step_count(course_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count(Step.id)).join(Sequence).where(
        Sequence.course_id == course_id)) or 0


def ordered_step_ids(course_id: int) -> list[int]:
    """The ids of the course's steps in reading order, in one query (walking `course.sequences` then each
    `sequence.steps` costs a query per sequence and builds every step)."""
    return list(db.session.scalars(sa.select(Step.id).join(Step.sequence).where(Sequence.course_id == course_id)
                                   .order_by(Sequence.position, Step.position)))
