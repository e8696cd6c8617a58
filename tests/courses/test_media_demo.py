"""The demo: the Hameaux Légers course's video step plays the demo clip media transcoded, measured by its probe,
and the demo session's enrolments and completions reach the observatory's statistics."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.accounts.demo import demo_email
from app.accounts.models import Role, User
from app.db import db


def test_the_demo_course_video_step_plays_the_transcoded_demo_clip(app, app_ctx, client, login):
    from commons.media_policy import DEMO_VIDEO_TITLE
    from commons.models import Resource
    from courses.models import Step
    from media.models import JobState, MediaAsset
    from observatory.models import UsageEvent
    from paths.models import CourseSession

    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    resource = db.session.scalar(sa.select(Resource).where(Resource.title == DEMO_VIDEO_TITLE))
    asset = db.session.scalar(sa.select(MediaAsset).where(MediaAsset.owner_id == resource.id))
    assert asset.state == JobState.READY  # the queue runs inline in tests
    step = db.session.scalar(sa.select(Step).where(Step.title == "Découvrir les hameaux légers"))
    assert step.resource_id == resource.id and step.completion_rule == "video"
    assert step.video_seconds == asset.duration == pytest.approx(6, abs=0.2)

    session = db.session.scalar(sa.select(CourseSession).where(CourseSession.course_id == step.sequence.course_id))
    login(db.session.scalar(sa.select(User).where(User.email == demo_email(Role.LEARNER, "hls"))))
    page = client.get(f"/sessions/{session.id}/etapes/{step.id}").get_data(as_text=True)
    video = re.search(r"<video[^>]*>", page).group(0)
    assert 'class="tracked-video"' in video and f'data-step="{step.id}"' in video
    assert f"/medias/{asset.id}/" in page and "hls/master.m3u8" in page and 'srclang="fr"' in page

    counts = dict(db.session.execute(sa.select(UsageEvent.kind, sa.func.count()).where(UsageEvent.source == "paths")
                                     .group_by(UsageEvent.kind)).all())
    assert counts["enrolment"] >= 6 and counts["completion"] > 10
