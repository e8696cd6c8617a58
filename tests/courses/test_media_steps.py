"""A step whose resource holds a media asset: media's player on the step page, the video's length from the probe."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.db import db
from tests.media.conftest import make_clip

pytest_plugins = ["tests.paths.fixtures"]


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    """A 2-second 320×240 clip with sound, made by the real ffmpeg."""
    return make_clip(tmp_path_factory.mktemp("step-clips") / "step.mp4", 320, 240, seconds=2)


def attach(resource_id: int, clip, transcode: bool = True):
    """An asset of the resource made from the clip, as the demo and imports do; transcoded inline when asked."""
    from media import service as media
    from media.tasks import run_transcode

    asset = media.import_file("resource", resource_id, str(clip), "presentation.mp4")
    db.session.commit()
    if transcode:
        run_transcode(asset.id)
        db.session.refresh(asset)
    return asset


def step_of(step_id: int):
    from courses.models import Step

    db.session.expire_all()
    return db.session.get(Step, step_id)


def test_transcoding_gives_the_steps_of_the_resource_the_video_length(learning, clip):
    video_step = learning.steps[1]
    assert step_of(video_step).video_seconds == 100  # typed by the editor, before any video
    asset = attach(learning.resources[0], clip)
    assert asset.state.value == "ready"
    assert asset.duration == pytest.approx(2, abs=0.2)
    assert step_of(video_step).video_seconds == asset.duration
    assert step_of(learning.steps[2]).video_seconds is None  # another resource: untouched


def test_a_step_saved_after_the_probe_takes_the_video_length(learning, clip):
    from courses import service as courses
    from courses.models import CompletionRule, Sequence

    asset = attach(learning.resources[1], clip)
    sequence = db.session.get(Sequence, learning.sequences[1])
    step = courses.add_step(sequence, {"title": "Le terrain en vidéo", "resource_id": learning.resources[1],
                                       "completion_rule": CompletionRule.VIDEO, "video_seconds": 600})
    db.session.commit()
    assert step_of(step.id).video_seconds == asset.duration
    courses.update_step(step_of(step.id), {"video_seconds": 900})
    db.session.commit()
    assert step_of(step.id).video_seconds == asset.duration


def test_the_step_page_shows_the_player_tracked_by_progress(learning, client, login, enrol, clip):
    asset = attach(learning.resources[0], clip)
    enrol(learning.learner, learning.session)
    login(learning.learner)
    page = client.get(f"/sessions/{learning.session}/etapes/{learning.steps[1]}").get_data(as_text=True)
    assert f"/medias/{asset.id}/" in page and "hls/master.m3u8" in page
    assert "hls.light.min.js" in page and "media/player.js" in page and "progress.js" in page
    video = re.search(r"<video[^>]*>", page).group(0)
    assert 'class="tracked-video"' in video
    assert f'data-step="{learning.steps[1]}"' in video
    assert f'data-duration="{asset.duration}"' in video
    assert "data-position-url=" in page  # media remembers where the learner stopped
    # the plain attachment player is not used when media has the video
    assert page.count("<video") == 1


def test_a_video_still_transcoding_is_announced_on_the_step(learning, client, login, enrol, clip):
    attach(learning.resources[0], clip, transcode=False)
    enrol(learning.learner, learning.session)
    login(learning.learner)
    page = client.get(f"/sessions/{learning.session}/etapes/{learning.steps[1]}").get_data(as_text=True)
    assert "en cours de préparation" in page
    assert "<video" not in page


def test_the_course_preview_shows_the_player_without_tracking_anything(learning, client, login, clip):
    attach(learning.resources[0], clip)
    login(learning.editor)
    page = client.get(f"/parcours/{learning.course}/apercu/{learning.steps[1]}")
    assert page.status_code == 200
    assert "hls/master.m3u8" in page.get_data(as_text=True)
    assert "progress.js" not in page.get_data(as_text=True)


def test_video_completion_is_measured_against_the_probed_length(learning, enrol, send_events, clip):
    from paths.models import StepProgress

    asset = attach(learning.resources[0], clip)
    enrol(learning.learner, learning.session)
    step = learning.steps[1]
    half = send_events(learning.learner, learning.session,
                       ("evt-media-half-1", step, "video", {"segments": [[0, asset.duration / 2]], "duration": 1}))
    assert half.json["completed_steps"] == []  # the client's length does not override the probe's
    whole = send_events(learning.learner, learning.session,
                        ("evt-media-rest-1", step, "video", {"segments": [[asset.duration / 2, asset.duration]]}))
    assert whole.json["completed_steps"] == [step]
    progress = db.session.scalar(sa.select(StepProgress).where(StepProgress.step_id == step))
    assert progress.video_seconds == asset.duration


def test_removing_the_video_hands_the_step_to_the_next_one(learning, client, login, clip, tmp_path):
    first = attach(learning.resources[0], clip)
    second = attach(learning.resources[0], make_clip(tmp_path / "longer.mp4", 320, 240, seconds=3))
    assert step_of(learning.steps[1]).video_seconds == first.duration
    login(learning.editor)
    response = client.post(f"/medias/{first.id}/retirer")
    assert response.status_code in (302, 303)
    assert step_of(learning.steps[1]).video_seconds == second.duration == pytest.approx(3, abs=0.2)
    page = client.get(f"/parcours/{learning.course}/apercu/{learning.steps[1]}").get_data(as_text=True)
    assert f"/medias/{second.id}/" in page and f"/medias/{first.id}/" not in page
