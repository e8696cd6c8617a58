"""The demo forum of the Hameaux Légers session: questions under a step, one answered and accepted, one
unanswered waiting on the facilitator's dashboard; loading twice adds nothing."""

from __future__ import annotations

import sqlalchemy as sa

from app.accounts.demo import demo_email
from app.accounts.models import Role, User
from app.db import db


def test_demo_forum(app, app_ctx, client, login):
    from paths.discussions.models import Post, Thread

    for _ in range(2):
        result = app.test_cli_runner().invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
    threads = list(db.session.scalars(sa.select(Thread).order_by(Thread.id)))
    assert len(threads) == 4 and len({t.session_id for t in threads}) == 1
    under_step = [t for t in threads if t.step_id is not None]
    assert len(under_step) == 3 and len({t.step_id for t in under_step}) == 1
    assert db.session.scalar(sa.select(sa.func.count()).where(Post.is_accepted.is_(True))) == 1
    session_id, step_id = threads[0].session_id, under_step[0].step_id

    learner = db.session.scalar(sa.select(User).where(User.email == demo_email(Role.LEARNER, "hls")))
    login(learner)
    step_page = client.get(f"/sessions/{session_id}/etapes/{step_id}").get_data(as_text=True)
    assert "Peut-on vivre à l&#39;année dans une tiny house" in step_page and "✓ Résolue" in step_page
    facilitator = db.session.scalar(sa.select(User).where(User.email == demo_email(Role.FACILITATOR, "hls")))
    login(facilitator)
    dashboard = client.get(f"/sessions/{session_id}/tableau-de-bord").get_data(as_text=True)
    waiting = dashboard.split('id="questions"')[1].split('id="sequences"')[0]
    assert "Faut-il une déclaration préalable pour une yourte ?" in waiting
    assert "tiny house" not in waiting and "bail emphytéotique" not in waiting.lower()
