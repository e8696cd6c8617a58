"""The oEmbed consumer against a real fixture host on loopback: a valid answer, 404, a time-out, HTML instead of
JSON; and the address checks that keep it from calling private addresses."""

from __future__ import annotations

import time

import pytest

from media.external import (
    BAD_ANSWER,
    NOT_A_VIDEO,
    NOT_FOUND,
    UNREACHABLE,
    ExternalVideoError,
    embed_url,
    fetch_video,
)
from tests.media.external_host import UUID

pytest_plugins = ["tests.media.external_fixtures"]


def fails_with(url: str) -> str:
    with pytest.raises(ExternalVideoError) as caught:
        fetch_video(url)
    return str(caught.value)


def test_a_peertube_page_gives_title_duration_and_a_player_rebuilt_on_the_instance(app_ctx, video_host):
    video = fetch_video(f"{video_host.base}/w/kFd3PqpUwqWAWJyUUgcZCn")
    assert video.provider == "peertube"
    assert video.title == "Bâtir en paille, le chantier participatif"
    assert video.author_name == "Collectif La Bourdaine"
    assert video.duration == 754  # from the instance's REST API: PeerTube's oEmbed has no length
    assert video.ref == UUID  # read from the player address, accepted because it is on the instance itself
    assert embed_url(video.provider, video.host, video.ref) == f"{video_host.base}/videos/embed/{UUID}"
    assert any(hit.startswith("/services/oembed?url=") for hit in video_host.hits)


def test_a_page_on_other_paths_is_found_through_its_discovery_link(app_ctx, video_host):
    video = fetch_video(f"{video_host.base}/c/chaine-du-collectif/videos")
    assert video.provider == "peertube" and video.title.startswith("Bâtir en paille")


def test_a_missing_video_says_so(app_ctx, video_host):
    video_host.mode = "404"
    assert fails_with(f"{video_host.base}/w/absente") == str(NOT_FOUND)


def test_a_host_slower_than_the_time_out_is_reported_unreachable_in_time(app_ctx, video_host):
    video_host.mode, video_host.sleep = "slow", 3
    started = time.monotonic()
    assert fails_with(f"{video_host.base}/w/lente") == str(UNREACHABLE)
    assert time.monotonic() - started < 2.5  # the 1 s time-out, not the host's 3 s


def test_html_instead_of_json_is_a_bad_answer(app_ctx, video_host):
    video_host.mode = "html"
    assert fails_with(f"{video_host.base}/w/maintenance") == str(BAD_ANSWER)


def test_an_answer_that_is_not_a_video_is_refused(app_ctx, video_host):
    video_host.mode = "photo"
    assert fails_with(f"{video_host.base}/w/une-photo") == str(NOT_A_VIDEO)


def test_a_host_that_does_not_listen_is_unreachable(app_ctx, video_host):
    video_host.stop()
    assert fails_with(f"{video_host.base}/w/eteint") == str(UNREACHABLE)


def test_loopback_and_private_addresses_are_refused_unless_the_settings_allow_loopback(app, app_ctx, video_host):
    app.config["MEDIA_EXTERNAL_ALLOW_LOOPBACK"] = False
    assert fails_with(f"{video_host.base}/w/kFd3PqpUwqWAWJyUUgcZCn") == str(NOT_A_VIDEO)
    assert video_host.hits == []  # refused before any request
    app.config["MEDIA_EXTERNAL_ALLOW_LOOPBACK"] = True
    for url in ("http://10.0.0.7/w/abc", "http://192.168.1.2/w/abc", "http://169.254.169.254/w/abc",
                "http://[fd00::1]/w/abc"):
        assert fails_with(url) == str(NOT_A_VIDEO), url


@pytest.mark.parametrize("url", ["ftp://peertube.example/w/abc", "javascript:alert(1)", "w/abc",
                                 "http://user:pass@127.0.0.1/w/abc"])
def test_only_plain_http_addresses_are_taken(app_ctx, video_host, url):
    assert "adresse complète" in fails_with(url)


def test_players_are_rebuilt_from_the_identifier_on_the_providers_host():
    assert embed_url("youtube", "ignored", "dQw4w9WgXcQ") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert embed_url("vimeo", "ignored", "76979871") == "https://player.vimeo.com/video/76979871"
    assert embed_url("peertube", "video.example.org", UUID) == f"https://video.example.org/videos/embed/{UUID}"
    assert embed_url("peertube", "video.example.org", '"><script>') is None
    assert embed_url("dailymotion", "x", "abc") is None
