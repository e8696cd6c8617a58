"""The demo: courses for HLS, HPF and CO, and the six-month Hameaux Légers session with a facilitator and
learners at different points, so the dashboard shows something real; loading twice adds nothing."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.accounts.demo import demo_email
from app.accounts.models import Role, User
from app.db import db, utcnow


def test_demo_sessions(app, app_ctx, client, login):
    from courses.models import Course
    from paths.models import CourseSession, Enrolment

    for _ in range(2):
        result = app.test_cli_runner().invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
    courses = {course.owner_partner.slug: course for course in db.session.scalars(sa.select(Course))}
    assert set(courses) == {"hls", "hpf", "co"} and all(c.is_published for c in courses.values())
    assert len(courses["hls"].sequences) == 4 and all(step.resource_id for step in courses["hls"].steps)
    sessions = list(db.session.scalars(sa.select(CourseSession).where(CourseSession.course_id == courses["hls"].id)))
    assert len(sessions) == 1
    session = sessions[0]
    assert session.is_enrolment_open() and not session.is_archived()
    assert session.closes_at - session.opens_at >= timedelta(days=180)
    assert session.release_date(session.course.sequences[-1]) > utcnow()  # a sequence still locked
    enrolments = list(db.session.scalars(sa.select(Enrolment).where(Enrolment.session_id == session.id)))
    assert len(enrolments) == 6 and sum(e.steps_done for e in enrolments) > 10

    facilitator = db.session.scalar(sa.select(User).where(User.email == demo_email(Role.FACILITATOR, "hls")))
    login(facilitator)
    page = client.get(f"/sessions/{session.id}/tableau-de-bord").get_data(as_text=True)
    assert "<strong>6</strong> inscrit·es" in page and "Mathis Roussel" in page
