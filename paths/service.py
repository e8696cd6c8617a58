"""Operations on sessions and enrolments: set a session up, enrol (self, invitation, CSV), unenrol, announce.

They flush; the request commits once. E-mails are never sent here: they go to the outbox (`OutboxEmail`),
delivered by `flask paths send-outbox`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app import audit
from app.accounts.models import User
from app.db import db, utcnow
from courses.models import Course
from paths.models import (
    Announcement,
    CourseSession,
    Enrolment,
    EnrolmentStatus,
    OutboxEmail,
    SequenceRelease,
    SessionInvitation,
)

SESSION_FIELDS = ("title", "enrol_opens_at", "enrol_closes_at", "opens_at", "closes_at", "capacity")


class EnrolmentRefused(Exception):
    """Enrolment is not possible now; `reason` is a key of ENROLMENT_REFUSALS."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def create_session(course: Course, data: dict) -> CourseSession:
    session = CourseSession(course=course)
    db.session.add(session)
    return update_session(session, data)


def update_session(session: CourseSession, data: dict) -> CourseSession:
    for name in SESSION_FIELDS:
        if name in data:
            setattr(session, name, data[name])
    if "releases" in data:
        set_releases(session, data["releases"])
    if "facilitator_ids" in data:
        session.facilitators = list(db.session.scalars(sa.select(User).where(User.id.in_(data["facilitator_ids"]))))
    db.session.flush()
    return session


def set_releases(session: CourseSession, releases: dict[int, dict]) -> None:
    """releases: sequence id -> {"opens_at": datetime} or {"offset_days": int}; absent means at opening."""
    session.releases = [SequenceRelease(sequence_id=sequence_id, opens_at=value.get("opens_at"),
                                        offset_days=value.get("offset_days"))
                        for sequence_id, value in releases.items()
                        if value.get("opens_at") is not None or value.get("offset_days") is not None]


def learner_count(session_ids) -> int:
    """Learners who ever enrolled in these sessions (those who left too: their progress is kept)."""
    return db.session.scalar(sa.select(sa.func.count()).where(Enrolment.session_id.in_(session_ids))) or 0


def course_deletion_refusals(course: Course) -> list[str]:
    """Answer to courses' `course_deletion_blockers`: a course whose sessions have learners stays."""
    from flask_babel import ngettext

    sessions = sa.select(CourseSession.id).where(CourseSession.course_id == course.id)
    learners = learner_count(sessions)
    if not learners:
        return []
    return [ngettext("%(num)d apprenant·e est inscrit·e à ses sessions.",
                     "%(num)d apprenant·es sont inscrit·es à ses sessions.", learners)]


def delete_session(session: CourseSession) -> None:
    """Delete a session nobody enrolled in, with its schedule, invitations, announcements and exports."""
    audit.record("session.deleted", session, partner=session.course.owner_partner_id, course=session.course.title,
                 opens_at=session.opens_at, closes_at=session.closes_at)
    db.session.delete(session)
    db.session.flush()


def enrolment_of(session: CourseSession, user) -> Enrolment | None:
    if user is None or not user.is_authenticated:
        return None
    return db.session.scalar(sa.select(Enrolment).where(Enrolment.session_id == session.id,
                                                        Enrolment.user_id == user.id))


def active_count(session: CourseSession) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(
        Enrolment.session_id == session.id, Enrolment.status == EnrolmentStatus.ACTIVE)) or 0


def enrol(session: CourseSession, user: User, source: str = "self", now: datetime | None = None,
          check_window: bool = True) -> Enrolment:
    """Enrol `user` (again, after unenrolment); refused outside the window, when full or archived."""
    now = now or utcnow()
    existing = enrolment_of(session, user)
    if existing is not None and existing.is_active:
        return existing
    if session.is_archived(now):
        raise EnrolmentRefused("archived")
    if check_window and not session.is_enrolment_open(now):
        raise EnrolmentRefused("before" if now < session.enrol_opens_at else "after")
    if session.capacity is not None and active_count(session) >= session.capacity:
        raise EnrolmentRefused("full")
    if existing is None:
        existing = Enrolment(session_id=session.id, user_id=user.id, source=source)
        db.session.add(existing)
    existing.status = EnrolmentStatus.ACTIVE
    db.session.flush()
    return existing


def unenrol(enrolment: Enrolment) -> None:
    """The learner leaves; their progress is kept, should they come back."""
    enrolment.status = EnrolmentStatus.UNENROLLED
    db.session.flush()


# Invitations and bulk enrolment --------------------------------------------------------------------------------

def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="session-invitation")


def invite(session: CourseSession, email: str, author: User) -> SessionInvitation:
    """An invitation by e-mail (queued in the outbox) whose link enrols even outside the window."""
    invitation = SessionInvitation(session_id=session.id, email=email.strip().lower())
    db.session.add(invitation)
    db.session.flush()
    token = _serializer().dumps(invitation.id)
    link = current_app.config["PUBLIC_URL"].rstrip("/") + url_for("paths.invitation", token=token)
    queue_email(invitation.email, f"Invitation : {session.title}",
                f"{author.name} vous invite à suivre « {session.title} ».\n\nPour vous inscrire : {link}\n")
    return invitation


def invitation_from_token(token: str) -> SessionInvitation | None:
    try:
        max_age = int(current_app.config["INVITATION_MAX_AGE"].total_seconds())
        invitation_id = _serializer().loads(token, max_age=max_age)
    except (BadSignature, SignatureExpired):
        return None
    return db.session.get(SessionInvitation, invitation_id)


def accept_invitation(invitation: SessionInvitation, user: User) -> Enrolment:
    session = db.session.get(CourseSession, invitation.session_id)
    enrolment = enrol(session, user, source="invitation", check_window=False)
    invitation.accepted_dt = utcnow()
    db.session.flush()
    return enrolment


@dataclass
class BulkReport:
    """What a CSV enrolment did, line by line."""

    enrolled: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)


def bulk_enrol(session: CourseSession, content: str, author: User) -> BulkReport:
    """One e-mail per line (first column): existing accounts are enrolled, unknown addresses invited."""
    report = BulkReport()
    seen = set()
    for number, row in enumerate(csv.reader(io.StringIO(content)), start=1):
        email = (row[0] if row else "").strip().lower()
        if not email or email in ("email", "e-mail", "courriel") or email in seen:
            continue
        seen.add(email)
        if "@" not in email or " " in email or len(email) > 320:
            report.invalid.append((number, email))
            continue
        user = db.session.scalar(sa.select(User).where(User.email == email))
        if user is None:
            invite(session, email, author)
            report.invited.append(email)
            continue
        existing = enrolment_of(session, user)
        if existing is not None and existing.is_active:
            report.already.append(email)
            continue
        try:
            enrol(session, user, source="csv", check_window=False)
            report.enrolled.append(email)
        except EnrolmentRefused as refused:
            report.invalid.append((number, f"{email} ({refused.reason})"))
    return report


# Announcements and the outbox --------------------------------------------------------------------------------

def queue_email(to: str, subject: str, body: str) -> OutboxEmail:
    email = OutboxEmail(to_email=to, subject=subject[:300], body=body)
    db.session.add(email)
    return email


def announce(session: CourseSession, title: str, body: str, author: User) -> Announcement:
    """Shown to the session's learners at once, and e-mailed to each active one through the outbox."""
    announcement = Announcement(session_id=session.id, author_id=author.id, title=title, body=body)
    db.session.add(announcement)
    emails = db.session.scalars(sa.select(User.email).join(Enrolment, Enrolment.user_id == User.id).where(
        Enrolment.session_id == session.id, Enrolment.status == EnrolmentStatus.ACTIVE))
    rows = [{"to_email": email, "subject": f"[{session.title}] {title}"[:300], "body": body,
             "created_dt": utcnow()} for email in emails]
    if rows:
        db.session.execute(sa.insert(OutboxEmail), rows)
    db.session.flush()
    return announcement


def announcements(session: CourseSession, limit: int = 5) -> list[Announcement]:
    return list(db.session.scalars(sa.select(Announcement).where(Announcement.session_id == session.id)
                                   .order_by(Announcement.created_dt.desc()).limit(limit)))
