"""A course step with a real transcoded video, in Chromium: media's player (hls.js) on the step page, followed by
paths/static/progress.js. Playing the video to its end completes the step; seeking to the end does not.
Screenshots at 1280 and 390 px go to the test's folder (and to TERREAU_SCREENSHOTS when set)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.db import db
from tests.browser.test_media_journey import shoot
from tests.media.conftest import make_clip

pytest_plugins = ["tests.paths.fixtures"]
pytestmark = pytest.mark.browser

SECONDS = 4


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    return make_clip(tmp_path_factory.mktemp("course-video") / "hameau.mp4", 640, 360, seconds=SECONDS)


@pytest.fixture
def video_step(learning, enrol, clip):
    """The course's video step shows a resource holding a transcoded clip; both learners are enrolled."""
    from media import service as media
    from media.tasks import run_transcode

    asset = media.import_file("resource", learning.resources[0], str(clip), "hameau.mp4", learning.editor)
    media.save_caption(asset, "fr", b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nBienvenue au hameau.\n",
                       learning.editor)
    db.session.commit()
    assert run_transcode(asset.id) == "ready"
    enrol(learning.learner, learning.session)
    enrol(learning.other_learner, learning.session)
    return f"/sessions/{learning.session}/etapes/{learning.steps[1]}"


def log_in(page, email):
    page.context.clear_cookies()
    page.goto("/connexion")
    page.fill("#email", email)
    page.fill("#password", "mot-de-passe-solide")
    page.click("button:has-text('Se connecter')")
    expect(page.locator("body")).not_to_contain_text("Identifiants incorrects")


def video_progress(user, step_id):
    from paths.models import Enrolment, StepProgress

    db.session.expire_all()
    return db.session.scalar(sa.select(StepProgress).join(Enrolment, Enrolment.id == StepProgress.enrolment_id)
                             .where(Enrolment.user_id == user.id, StepProgress.step_id == step_id))


def wait_until(page, script, arg=None, tries=150):
    """Poll a page expression (wait_for_function evaluates strings, which the site's CSP forbids)."""
    for _ in range(tries):
        if page.evaluate(script, arg):
            return
        page.wait_for_timeout(200)
    pytest.fail(f"never true: {script}")


def ready_player(page):
    video = page.locator("video.tracked-video")
    expect(video).to_be_visible()
    wait_until(page, "() => { const v = document.querySelector('video.tracked-video'); "
                     "return v.readyState >= 1 && isFinite(v.duration); }")
    assert page.evaluate("!!window.Hls && Hls.isSupported()")  # the HLS rendition, not a plain file
    return video


def test_playing_the_video_to_the_end_completes_the_step(page, learning, video_step, tmp_path):
    log_in(page, "lea@example.org")
    page.goto(video_step)
    ready_player(page)
    expect(page.locator("#video-status")).to_contain_text("95 %")
    expect(page.locator(".media-captions-menu option")).to_have_count(2)
    shoot(page, tmp_path, "course-step-video")

    page.evaluate("() => { const v = document.querySelector('video.tracked-video'); v.muted = true; "
                  "v.playbackRate = 2; return v.play(); }")
    wait_until(page, "() => document.querySelector('video.tracked-video').ended")
    expect(page.locator("#video-status")).to_have_text("✓ Étape terminée", timeout=10_000)
    progress = video_progress(learning.learner, learning.steps[1])
    assert progress.completed_dt is not None
    played = sum(end - start for start, end in progress.segments)
    assert played >= 0.95 * progress.video_seconds

    page.reload()  # the page says so too, and media forgot the position of a video watched to the end
    expect(page.locator(".session-card")).to_contain_text("Étape terminée")
    ready_player(page)
    page.wait_for_timeout(500)
    assert page.evaluate("document.querySelector('video.tracked-video').currentTime") < 0.5


def test_seeking_to_the_end_does_not_complete_the_step(page, learning, video_step):
    log_in(page, "marc@example.org")
    page.goto(video_step)
    ready_player(page)
    page.evaluate("() => { const v = document.querySelector('video.tracked-video'); v.muted = true; return v.play(); }")
    wait_until(page, "() => document.querySelector('video.tracked-video').currentTime > 0.4")
    # jump forward while playing, in small steps, then to the very end: none of it is played
    for target in (1.0, 1.5, 2.0, 2.5, 3.0, 3.5):
        page.evaluate("t => { document.querySelector('video.tracked-video').currentTime = t; }", target)
        page.wait_for_timeout(50)
    page.evaluate("() => { const v = document.querySelector('video.tracked-video'); v.currentTime = v.duration; }")
    wait_until(page, "() => document.querySelector('video.tracked-video').ended")
    page.wait_for_timeout(1500)  # the batch sent at `ended` has arrived
    expect(page.locator("#video-status")).to_contain_text("95 %")
    progress = video_progress(learning.other_learner, learning.steps[1])
    assert progress is not None and progress.segments, "the played start was recorded"
    assert progress.completed_dt is None
    played = sum(end - start for start, end in progress.segments)
    assert played < 0.5 * SECONDS

    page.reload()  # media's remembered position puts the player back, which is no playing either
    ready_player(page)
    page.wait_for_timeout(1000)
    assert video_progress(learning.other_learner, learning.steps[1]).completed_dt is None
