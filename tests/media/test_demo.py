"""`flask demo load` attaches a generated video, with French captions, to the demo video resource."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db
from commons.media_policy import DEMO_VIDEO_TITLE
from commons.models import Resource
from media.models import JobState, MediaAsset


def test_demo_load_adds_a_transcoded_video_once(app, app_ctx):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output + repr(first.exception)
    assert "vidéo de démonstration ajoutée" in first.output
    resource = db.session.scalar(sa.select(Resource).where(Resource.title == DEMO_VIDEO_TITLE))
    asset = db.session.scalar(sa.select(MediaAsset))
    assert (asset.owner_type, asset.owner_id) == ("resource", resource.id)
    assert asset.state == JobState.READY, asset.error_message  # the queue runs inline in tests
    assert [r.label for r in asset.renditions] == ["360p", "720p"]
    assert [c.language for c in asset.captions] == ["fr"]
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0 and "déjà présente" in second.output
    assert db.session.scalar(sa.select(sa.func.count(MediaAsset.id))) == 1
