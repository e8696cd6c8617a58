"""Streaming: range requests at the edges, HLS files, cache headers, access on every file, signed embed URLs."""

from __future__ import annotations

import pytest

from app.db import db
from media import service
from media.storage import get_storage


@pytest.fixture
def public_asset(world, make_asset, clips):
    return make_asset(world.public, clips.p360)


@pytest.fixture
def private_asset(world, make_asset, clips):
    return make_asset(world.private, clips.p360)


def url(asset, name):
    return f"/medias/{asset.id}/{asset.revision}/{name}"


def test_range_requests_at_the_edges(client, public_asset):
    body = get_storage().path(public_asset.output_key).joinpath("360p.mp4").read_bytes()
    size = len(body)
    whole = client.get(url(public_asset, "360p.mp4"))
    assert whole.status_code == 200 and whole.data == body
    assert whole.headers["Accept-Ranges"] == "bytes" and whole.headers["Content-Type"] == "video/mp4"

    cases = {
        "bytes=0-0": (0, 0), "bytes=0-": (0, size - 1), f"bytes={size - 1}-": (size - 1, size - 1),
        "bytes=-1": (size - 1, size - 1), f"bytes=100-{size + 500}": (100, size - 1), "bytes=10-19": (10, 19),
    }
    for header, (first, last) in cases.items():
        response = client.get(url(public_asset, "360p.mp4"), headers={"Range": header})
        assert response.status_code == 206, header
        assert response.headers["Content-Range"] == f"bytes {first}-{last}/{size}", header
        assert response.data == body[first:last + 1], header
        assert int(response.headers["Content-Length"]) == last - first + 1

    for header in (f"bytes={size}-", f"bytes={size + 10}-{size + 20}"):
        refused = client.get(url(public_asset, "360p.mp4"), headers={"Range": header})
        assert refused.status_code == 416, header
        assert refused.headers["Content-Range"] == f"bytes */{size}"


def test_hls_files_and_long_cache_for_immutable_renditions(client, public_asset):
    master = client.get(url(public_asset, "hls/master.m3u8"))
    assert master.status_code == 200 and master.headers["Content-Type"] == "application/vnd.apple.mpegurl"
    assert master.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "360p.m3u8" in master.get_data(as_text=True)
    playlist = client.get(url(public_asset, "hls/360p.m3u8")).get_data(as_text=True)
    assert 'URI="360p.m4s"' in playlist
    init = client.get(url(public_asset, "hls/360p.m4s"), headers={"Range": "bytes=0-99"})
    assert init.status_code == 206 and init.data[4:8] == b"ftyp"
    poster = client.get(url(public_asset, "poster.jpg"))
    assert poster.status_code == 200 and poster.headers["Content-Type"] == "image/jpeg"
    assert client.get(f"/medias/{public_asset.id}/{'0' * 32}/360p.mp4").status_code == 404  # old revision
    assert client.get(url(public_asset, "720p.mp4")).status_code == 404  # not a rung of this source


def test_private_media_are_refused_to_outsiders(client, login, logout, world, private_asset):
    files = [url(private_asset, name) for name in ("360p.mp4", "hls/master.m3u8", "hls/360p.m4s", "poster.jpg")]
    files += [f"/api/v1/media/{private_asset.id}"]
    for path in files:
        assert client.get(path).status_code in (401, 404), path  # anonymous
    login(world.people.outsider)  # a member of another partner
    for path in files:
        assert client.get(path).status_code == 404, path
    login(world.people.learner)  # a member of the owner partner
    for path in files:
        assert client.get(path).status_code == 200, path
    assert client.get(files[0]).headers["Cache-Control"].startswith("private,")


def test_trashed_resources_take_their_media_with_them(client, login, world, public_asset):
    from commons import service as commons
    from commons.models import Resource

    commons.trash_resource(db.session.get(Resource, world.public), world.people.admin)
    db.session.commit()
    assert client.get(url(public_asset, "360p.mp4")).status_code == 404
    login(world.people.editor)
    assert client.get(url(public_asset, "360p.mp4")).status_code == 200  # its editors still see it


def test_signed_urls_open_private_media_for_a_while(client, login, logout, world, private_asset, app):
    assert client.get(f"/api/v1/media/{private_asset.id}/signed-urls").status_code == 401
    login(world.people.learner)
    assert client.get(f"/api/v1/media/{private_asset.id}/signed-urls").status_code == 403
    login(world.people.editor)
    answer = client.get(f"/api/v1/media/{private_asset.id}/signed-urls").json
    assert answer["expires_in"] == 6 * 3600
    logout()
    hls = answer["hls_url"].replace("http://localhost", "")
    assert client.get(hls).status_code == 200
    # the playlist's relative references resolve under the same signed path
    assert client.get(hls.replace("master.m3u8", "360p.m3u8")).status_code == 200
    assert client.get(answer["mp4_url"], headers={"Range": "bytes=0-9"}).status_code == 206
    token = hls.split("/")[3]
    assert client.get(hls.replace(token, token[:-2] + "xx")).status_code == 404  # tampered
    assert client.get(hls.replace("master.m3u8", "../../../etc/passwd"), follow_redirects=True).status_code == 404
    app.config["MEDIA_SIGNED_URL_SECONDS"] = -1
    try:
        assert client.get(hls).status_code == 404  # expired
    finally:
        app.config["MEDIA_SIGNED_URL_SECONDS"] = 6 * 3600


def test_a_signed_url_dies_with_its_revision(client, world, private_asset):
    with client.application.test_request_context():
        signed = service.file_url(private_asset, "360p.mp4", signed=True)
    assert client.get(signed).status_code == 200
    private_asset.output_key = private_asset.output_key[:-4] + "beef"  # a new run made new files
    db.session.commit()
    assert client.get(signed).status_code == 404


def test_status_endpoint_while_a_job_waits(client, login, world, make_asset, clips):
    asset = make_asset(world.public, clips.small, transcode=False)
    status = client.get(f"/api/v1/media/{asset.id}").json
    assert (status["state"], status["progress"], status["hls_url"], status["renditions"]) == ("queued", 0, None, [])
    page = client.get(f"/ressources/{world.public}").get_data(as_text=True)
    assert f'data-media-status="/api/v1/media/{asset.id}"' in page and "En attente de conversion" in page


def test_an_embed_of_a_partner_only_video_shows_its_captions_through_signed_urls(client, login, logout, world,
                                                                                  private_asset, app):
    import re

    from partners.embeds import sign_embed

    service.save_caption(private_asset, "fr", b"WEBVTT\n\n00:00.000 --> 00:00.800\nBonjour la paille\n",
                         world.people.editor)
    db.session.commit()
    token = sign_embed("video", private_asset.id, world.hls)
    page = client.get(f"/embed/hls/video/{private_asset.id}", query_string={"jeton": token})
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    track = re.search(r'<track kind="subtitles" srclang="fr"[^>]* src="([^"]+)"', body).group(1)
    assert track.startswith("/medias/integration/") and track.endswith("/sous-titres/fr.vtt")
    assert 'class="media-captions-menu"' in body
    captions = client.get(track)  # no session: the signature opens it
    assert captions.status_code == 200 and captions.mimetype == "text/vtt"
    assert "Bonjour la paille" in captions.get_data(as_text=True)
    assert client.get(f"/medias/{private_asset.id}/sous-titres/fr.vtt").status_code == 404  # unsigned: refused
    assert client.get(track.replace("/fr.vtt", "/en.vtt")).status_code == 404
    signed_token = track.split("/")[3]
    assert client.get(track.replace(signed_token, signed_token[:-2] + "xx")).status_code == 404  # tampered
    app.config["MEDIA_SIGNED_URL_SECONDS"] = -1
    try:
        assert client.get(track).status_code == 404  # expired
    finally:
        app.config["MEDIA_SIGNED_URL_SECONDS"] = 6 * 3600
    login(world.people.editor)  # the API's signed URLs list the captions, signed too
    answer = client.get(f"/api/v1/media/{private_asset.id}/signed-urls").json
    logout()
    assert [c["language"] for c in answer["captions"]] == ["fr"]
    assert client.get(answer["captions"][0]["url"]).status_code == 200
