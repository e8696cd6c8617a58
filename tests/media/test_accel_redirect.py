"""Behind nginx (TERREAU_MEDIA_ACCEL_REDIRECT): the app checks access and answers with an empty body and
`X-Accel-Redirect`, nginx sends the file. Who may not see a file still gets the same refusal as without nginx."""

from __future__ import annotations

import pytest

from media.storage import get_storage


@pytest.fixture
def behind_nginx(app):
    app.config["MEDIA_ACCEL_REDIRECT"] = "/_media/"
    yield
    app.config["MEDIA_ACCEL_REDIRECT"] = None


@pytest.fixture
def private_asset(world, make_asset, clips):
    return make_asset(world.private, clips.small)


@pytest.fixture
def public_asset(world, make_asset, clips):
    return make_asset(world.public, clips.small)


def url(asset, name):
    return f"/medias/{asset.id}/{asset.revision}/{name}"


def test_a_file_is_handed_to_nginx_once_access_is_checked(client, login, world, behind_nginx, private_asset):
    login(world.people.learner)
    for name, mimetype in (("240p.mp4", "video/mp4"), ("hls/master.m3u8", "application/vnd.apple.mpegurl"),
                           ("poster.jpg", "image/jpeg")):
        response = client.get(url(private_asset, name), headers={"Range": "bytes=0-9"})
        assert response.status_code == 200, name  # the range is nginx's job
        assert response.data == b"", name
        assert response.headers["Content-Type"].startswith(mimetype), name
        assert response.headers["Cache-Control"] == "private, max-age=31536000, immutable", name
        target = response.headers["X-Accel-Redirect"]
        assert target.startswith(f"/_media/{private_asset.output_key}/"), name
        # the path under the prefix is the file's key in the media root, which nginx's internal location aliases
        assert get_storage().path(target.removeprefix("/_media/")).is_file(), name


def test_outsiders_are_refused_as_before(client, login, world, behind_nginx, private_asset):
    path = url(private_asset, "240p.mp4")
    anonymous = client.get(path)
    assert anonymous.status_code == 404 and "X-Accel-Redirect" not in anonymous.headers
    login(world.people.outsider)
    refused = client.get(path)
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused.headers
    login(world.people.learner)
    assert client.get(f"/medias/{private_asset.id}/{'0' * 32}/240p.mp4").status_code == 404  # old revision
    assert client.get(url(private_asset, "1080p.mp4")).status_code == 404  # not a file of this asset
    assert client.get(url(private_asset, "../../secret_key")).status_code == 404


def test_public_files_and_signed_urls_go_through_nginx_too(client, login, logout, world, behind_nginx,
                                                          public_asset, private_asset):
    public = client.get(url(public_asset, "hls/master.m3u8"))
    assert public.status_code == 200 and public.data == b""
    assert public.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert public.headers["X-Accel-Redirect"] == f"/_media/{public_asset.output_key}/hls/master.m3u8"

    login(world.people.editor)
    signed = client.get(f"/api/v1/media/{private_asset.id}/signed-urls").json["mp4_url"]
    logout()
    answer = client.get(signed.replace("http://localhost", ""))
    assert answer.status_code == 200 and answer.data == b""
    assert answer.headers["X-Accel-Redirect"].startswith(f"/_media/{private_asset.output_key}/")
    token = signed.split("/")[-2]
    assert client.get(signed.replace(token, token[:-2] + "xx")).status_code == 404


def test_without_the_setting_the_app_sends_the_bytes(client, world, public_asset):
    response = client.get(url(public_asset, "240p.mp4"))
    assert response.status_code == 200 and len(response.data) > 1000
    assert "X-Accel-Redirect" not in response.headers
