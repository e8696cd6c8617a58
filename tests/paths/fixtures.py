"""A small learning world shared by the courses and paths tests: two partners, people in each role, published
resources, a course of two sequences (viewed, video, done, viewed) and a session open today."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.accounts.models import Role
from app.db import db, utcnow


@pytest.fixture
def learning(app_ctx, create_partner, create_user):
    from commons import service as commons
    from commons.models import Kind, Status, Visibility
    from commons.seed import seed_taxonomy
    from courses import service as courses
    from courses.models import CompletionRule
    from paths import service as paths

    with db.session.no_autoflush:
        seed_taxonomy()
    hls = create_partner("hls", "Hameaux Légers")
    co = create_partner("co", "Coopérative Oasis")
    editor = create_user("editrice@hls.example", "Éditrice HLS", partner=hls, role=Role.EDITOR)
    co_editor = create_user("editeur@co.example", "Éditeur CO", partner=co, role=Role.EDITOR)
    facilitator = create_user("anim@hls.example", "Animatrice HLS", partner=hls, role=Role.FACILITATOR)
    other_facilitator = create_user("anim2@hls.example", "Autre animatrice", partner=hls, role=Role.FACILITATOR)
    learner = create_user("lea@example.org", "Léa Apprenante", partner=hls, role=Role.LEARNER)
    other_learner = create_user("marc@example.org", "Marc Voisin", partner=hls, role=Role.LEARNER)
    kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "methode"))

    def resource(title, visibility=Visibility.COMMONS):
        made = commons.create_resource({"title": title, "kind_id": kind, "owner_partner_id": hls.id,
                                        "visibility": visibility, "body": f"Le contenu de « {title} »."}, editor)
        commons.change_status(made, Status.PUBLISHED, editor)
        return made

    intro_video = resource("Qu'est-ce qu'un hameau léger ?")
    land = resource("Trouver un terrain")
    course = courses.create_course({"title": "Habiter léger", "owner_partner_id": hls.id,
                                    "summary": "Du projet au hameau."}, editor)
    first = courses.add_sequence(course, "Comprendre", "Les bases.")
    second = courses.add_sequence(course, "Agir")
    steps = [
        courses.add_step(first, {"title": "Bienvenue", "intro": "Bonjour **à toutes et tous**."}),
        courses.add_step(first, {"title": "La vidéo", "resource_id": intro_video.id,
                                 "completion_rule": CompletionRule.VIDEO, "video_seconds": 100}),
        courses.add_step(second, {"title": "Le terrain", "resource_id": land.id,
                                  "completion_rule": CompletionRule.DONE}),
        courses.add_step(second, {"title": "Conclusion"}),
    ]
    courses.set_published(course, True)
    now = utcnow()
    session = paths.create_session(course, {
        "title": "Printemps", "enrol_opens_at": now - timedelta(days=5), "enrol_closes_at": now + timedelta(days=5),
        "opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=180), "capacity": None,
        "facilitator_ids": [facilitator.id]})
    other_session = paths.create_session(course, {
        "title": "Automne", "enrol_opens_at": now - timedelta(days=5), "enrol_closes_at": now + timedelta(days=5),
        "opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=180), "capacity": None,
        "facilitator_ids": [other_facilitator.id]})
    db.session.commit()
    return SimpleNamespace(
        hls=hls.id, co=co.id, editor=editor, co_editor=co_editor, facilitator=facilitator,
        other_facilitator=other_facilitator, learner=learner, other_learner=other_learner,
        course=course.id, sequences=[first.id, second.id], steps=[s.id for s in steps],
        session=session.id, other_session=other_session.id, resources=[intro_video.id, land.id])


@pytest.fixture
def enrol(app_ctx):
    """Enrol a user in a session directly (the enrolment pages have their own tests)."""
    from paths import service
    from paths.models import CourseSession

    def make(user, session_id):
        enrolment = service.enrol(db.session.get(CourseSession, session_id), user, check_window=False)
        db.session.commit()
        return enrolment

    return make


@pytest.fixture
def send_events(client, login):
    """POST a batch to /api/v1/progress as `user`; events are (client_id, step_id, kind, extra) tuples."""

    def send(user, session_id, *events):
        login(user)
        body = {"events": [{"client_id": cid, "session_id": session_id, "step_id": step, "kind": kind, **extra}
                           for cid, step, kind, extra in events]}
        return client.post("/api/v1/progress", json=body)

    return send
