"""Demo sessions: the six-month Hameaux Légers session open for enrolment, with its facilitator and a few
learners at different points, so the dashboard shows something real; shorter sessions for HPF and CO."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import timedelta

import sqlalchemy as sa

from app.accounts import service as accounts
from app.accounts.demo import demo_email
from app.accounts.models import Partner, Role, User
from app.db import db, utcnow
from courses.demo import COURSES
from courses.models import Course
from paths import service
from paths.models import CourseSession
from paths.progress import record_batch

#: extra demo learners of the Hameaux Légers session, and how many steps each has done
LEARNERS = [("Inès Garnier", 7), ("Hugo Lemaire", 4), ("Chloé Perrin", 2), ("Bastien Colin", 0),
            ("Maëlle Robin", 9)]
#: the demo session's extra learners, apart from the demo accounts of each role (they cannot log in)
DEMO_DOMAIN = "session.demo.terreau.local"


def _course(slug: str) -> Course | None:
    partner = db.session.scalar(sa.select(Partner).where(Partner.slug == slug))
    if partner is None:
        return None
    return db.session.scalar(sa.select(Course).where(Course.owner_partner_id == partner.id,
                                                     Course.title == COURSES[slug][0]))


def _session(course: Course, title: str, started_days_ago: int, months: int, offsets: list[int]) -> CourseSession:
    now = utcnow()
    opens = (now - timedelta(days=started_days_ago)).replace(hour=8, minute=0, second=0, microsecond=0)
    return service.create_session(course, {
        "title": title, "enrol_opens_at": opens - timedelta(days=14), "enrol_closes_at": opens + timedelta(days=60),
        "opens_at": opens, "closes_at": opens + timedelta(days=30 * months), "capacity": None,
        "releases": {seq.id: {"offset_days": offset} for seq, offset in zip(course.sequences, offsets, strict=False)},
    })


def _user(email: str, name: str) -> User:
    return accounts.find_user_by_email(email) or accounts.create_user(email, name, None)


def _progress(session: CourseSession, user: User, steps_done: int, days_ago: int) -> None:
    """Open and finish the first `steps_done` released steps, as the learner did `days_ago` days ago."""
    service.enrol(session, user, check_window=False)
    when = utcnow() - timedelta(days=days_ago)
    events = []
    for step in session.course.steps[:steps_done]:
        events.append({"client_id": f"demo-{uuid.uuid4()}", "session_id": session.id, "step_id": step.id,
                       "kind": "opened", "occurred_at": when})
        if step.completion_rule == "video":
            events.append({"client_id": f"demo-{uuid.uuid4()}", "session_id": session.id, "step_id": step.id,
                           "kind": "video", "segments": [[0, step.video_seconds or 300]],
                           "duration": step.video_seconds or 300, "occurred_at": when})
        elif step.completion_rule == "done":
            events.append({"client_id": f"demo-{uuid.uuid4()}", "session_id": session.id, "step_id": step.id,
                           "kind": "done", "occurred_at": when})
    record_batch(user, events, now=when)


def load_demo_sessions() -> list[str]:
    lines = []
    hls = _course("hls")
    if hls is not None and not db.session.scalar(sa.select(CourseSession.id).where(CourseSession.course_id == hls.id)):
        session = _session(hls, "Habiter léger — session du printemps", 40, 6, [0, 14, 45, 90])
        facilitator = accounts.find_user_by_email(demo_email(Role.FACILITATOR, "hls"))
        if facilitator is not None:
            session.facilitators = [facilitator]
        learner = accounts.find_user_by_email(demo_email(Role.LEARNER, "hls"))
        if learner is not None:
            _progress(session, learner, 3, 2)
        for index, (name, done) in enumerate(LEARNERS):
            first_name = unicodedata.normalize("NFKD", name.split()[0].lower()).encode("ascii", "ignore").decode()
            email = f"{first_name}.apprenant@{DEMO_DOMAIN}"
            _progress(session, _user(email, name), done, 1 + index * 5)
        if facilitator is not None:
            service.announce(session, "Bienvenue dans la session !",
                             "La séquence 2 ouvre deux semaines après le début. Bonne découverte !", facilitator)
        lines.append(f"Session « {session.title} » : {len(LEARNERS) + 1} apprenant·es.")
    for slug, title in (("hpf", "Monter un habitat participatif — automne"), ("co", "Créer une oasis — hiver")):
        course = _course(slug)
        if course is not None and not db.session.scalar(
                sa.select(CourseSession.id).where(CourseSession.course_id == course.id)):
            session = _session(course, title, -10, 3, [0, 21])
            facilitator = accounts.find_user_by_email(demo_email(Role.FACILITATOR, slug))
            session.facilitators = [facilitator] if facilitator else []
            lines.append(f"Session « {session.title} » créée.")
    return lines or ["Sessions : déjà présentes."]
