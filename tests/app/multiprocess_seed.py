"""Seed the deployment of tests/app/test_multiprocess.py, from a process of its own (the environment names the
database): a partner, its editor and learner with API tokens, a partner-only resource for the video, a published
course (a video step, a step marked done) and an open session the learner is enrolled in. Prints them as JSON.

    python -m tests.app.multiprocess_seed
"""

from __future__ import annotations

import json
from datetime import timedelta


def seed() -> dict:
    """Create the world in the database of DATABASE_URL (empty and migrated); commits."""
    import sqlalchemy as sa

    from app.accounts import service as accounts
    from app.accounts.models import Partner, Role
    from app.db import db, utcnow
    from commons import service as commons
    from commons.models import Kind, Status, Visibility
    from commons.seed import seed_taxonomy
    from courses import service as courses
    from courses.models import CompletionRule
    from paths import service as paths

    seed_taxonomy()
    hls = Partner(slug="hls", name="Hameaux Légers", short_name="HLS")
    db.session.add(hls)
    editor = accounts.create_user("editrice@hls.example", "Éditrice HLS", "mot-de-passe-solide")
    learner = accounts.create_user("lea@hls.example", "Léa Apprenante", "mot-de-passe-solide")
    db.session.flush()
    accounts.set_membership(editor, hls, Role.EDITOR)
    accounts.set_membership(learner, hls, Role.LEARNER)
    kind = db.session.scalar(sa.select(Kind.id).where(Kind.slug == "methode"))
    video = commons.create_resource({"title": "Monter une ossature bois", "kind_id": kind,
                                     "owner_partner_id": hls.id, "visibility": Visibility.PARTNER,
                                     "body": "La vidéo du chantier."}, editor)
    commons.change_status(video, Status.PUBLISHED, editor)
    course = courses.create_course({"title": "Construire ensemble", "owner_partner_id": hls.id,
                                    "summary": "Du plan au chantier."}, editor)
    sequence = courses.add_sequence(course, "Le chantier", "Regarder, puis faire.")
    watch = courses.add_step(sequence, {"title": "La vidéo", "resource_id": video.id,
                                        "completion_rule": CompletionRule.VIDEO, "video_seconds": 2})
    act = courses.add_step(sequence, {"title": "À vous", "intro": "Faites-le.", "completion_rule": CompletionRule.DONE})
    courses.set_published(course, True)
    now = utcnow()
    session = paths.create_session(course, {
        "title": "Hiver", "enrol_opens_at": now - timedelta(days=5), "enrol_closes_at": now + timedelta(days=5),
        "opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=60), "capacity": None,
        "facilitator_ids": []})
    paths.enrol(session, learner, check_window=False)
    _, editor_token = accounts.create_api_token(editor, "multiprocess")
    _, learner_token = accounts.create_api_token(learner, "multiprocess")
    db.session.commit()
    return {"resource": video.id, "session": session.id, "steps": [watch.id, act.id],
            "editor_token": editor_token, "learner_token": learner_token}


if __name__ == "__main__":
    from app import create_app

    with create_app().app_context():
        print(json.dumps(seed()))
