"""A course step whose resource shows a PeerTube-hosted video: the learner gets the instance's player and, since
how much of it was watched cannot be known, ends the step with « J'ai terminé » instead of the 95 % rule."""

from __future__ import annotations

from app.db import db
from tests.media.external_host import UUID

pytest_plugins = ["tests.paths.fixtures", "tests.media.external_fixtures"]


def link_video(resource_id: int, base: str):
    from media import service as media

    video = media.link_external_video("resource", resource_id, f"{base}/w/kFd3PqpUwqWAWJyUUgcZCn")
    db.session.commit()
    return video


def test_an_external_video_step_ends_when_the_learner_marks_it_done(learning, client, login, enrol, video_host):
    link_video(learning.resources[0], video_host.base)  # the resource of the « video » step (95 % rule)
    enrol(learning.learner, learning.session)
    login(learning.learner)
    url = f"/sessions/{learning.session}/etapes/{learning.steps[1]}"
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert f'src="{video_host.base}/videos/embed/{UUID}"' in html
    assert f"frame-src 'self' {video_host.base}" in page.headers["Content-Security-Policy"]
    assert "J&#39;ai terminé cette étape" in html or "J'ai terminé cette étape" in html
    assert "regardé au moins" not in html

    done = client.post(url + "/terminee", follow_redirects=True).get_data(as_text=True)
    assert "Étape terminée" in done
    assert "1 / 4 étapes · 25 %" in client.get("/mes-sessions").get_data(as_text=True)


def test_without_the_external_video_the_step_keeps_its_video_rule(learning, client, login, enrol, video_host):
    video = link_video(learning.resources[0], video_host.base)
    video.mark_deleted()
    db.session.commit()
    enrol(learning.learner, learning.session)
    login(learning.learner)
    url = f"/sessions/{learning.session}/etapes/{learning.steps[1]}"
    html = client.get(url).get_data(as_text=True)
    assert "<iframe" not in html and "regardé au moins" in html
    done = client.post(url + "/terminee", follow_redirects=True).get_data(as_text=True)
    assert "Cette étape se termine en regardant la vidéo jusqu&#39;au bout." in done
