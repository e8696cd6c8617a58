"""Fixtures of the discussion tests: the learning world of tests.paths.fixtures, with the learner enrolled in
the session, `other_learner` enrolled in the other session, a partner admin, a platform admin, an outsider."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.accounts.models import Partner, Role
from app.db import db

pytest_plugins = ["tests.paths.fixtures"]


@pytest.fixture
def forum(learning, enrol, create_user):
    """`learning` plus who is who around the forum of `learning.session`."""
    hls = db.session.get(Partner, learning.hls)
    enrol(learning.learner, learning.session)
    enrol(learning.other_learner, learning.other_session)
    classmate = create_user("zoe@example.org", "Zoé Camarade", partner=hls, role=Role.LEARNER)
    enrol(classmate, learning.session)
    return SimpleNamespace(
        **vars(learning), classmate=classmate,
        p_admin=create_user("admin@hls.example", "Admin HLS", partner=hls, role=Role.ADMIN),
        admin=create_user("root@example.org", "Admin plateforme", is_platform_admin=True),
        outsider=create_user("passant@example.org", "Passant", partner=hls, role=Role.LEARNER))


@pytest.fixture
def post_thread(client, login):
    """Open a thread through the form as `user`; returns the response."""

    def post(user, session_id, title="Comment trouver un terrain ?", body="Je cherche **un terrain**.",
             step_id=None, question=True):
        login(user)
        data = {"title": title, "body": body}
        if question:
            data["is_question"] = "1"
        if step_id is not None:
            data["step_id"] = str(step_id)
        return client.post(f"/sessions/{session_id}/forum", data=data)

    return post

