"""Resumable upload (tus 1.0): creation, offsets, termination, limits, sniffing, access, and the asset it makes."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import sqlalchemy as sa

from app.db import db
from media.models import JobState, MediaAsset, Upload
from media.storage import get_storage
from tests.media.conftest import TUS, metadata, path_of, tus_create, tus_patch, tus_upload


def test_an_editor_uploads_a_video_in_chunks_and_it_is_transcoded(client, login, world, clips):
    login(world.people.editor)
    data = clips.p360.read_bytes()
    created = tus_create(client, f"resource:{world.public}", len(data), filename="Chantier paille.mp4")
    assert created.status_code == 201
    assert created.headers["Tus-Resumable"] == "1.0.0"
    location = path_of(created.headers["Location"])
    assert location.startswith("/api/v1/media/uploads/")

    head = client.head(location, headers=TUS)
    assert (head.status_code, head.headers["Upload-Offset"]) == (200, "0")
    assert head.headers["Upload-Length"] == str(len(data))
    half = len(data) // 2
    first = tus_patch(client, location, 0, data[:half])
    assert (first.status_code, first.headers["Upload-Offset"]) == (204, str(half))
    assert client.head(location, headers=TUS).headers["Upload-Offset"] == str(half)
    assert db.session.scalar(sa.select(sa.func.count(MediaAsset.id))) == 0  # nothing until the last byte

    last = tus_patch(client, location, half, data[half:])
    assert (last.status_code, last.headers["Upload-Offset"]) == (204, str(len(data)))
    asset = db.session.scalar(sa.select(MediaAsset))
    assert (asset.owner_type, asset.owner_id, asset.filename) == ("resource", world.public, "Chantier paille.mp4")
    assert asset.state == JobState.READY, asset.error_message  # the queue runs jobs inline in tests
    assert get_storage().path(asset.original_key).read_bytes() == data  # the original is kept as sent
    assert [r.label for r in asset.renditions] == ["360p"]
    assert client.head(location, headers=TUS).headers["Upload-Offset"] == str(len(data))

    page = client.get(f"/ressources/{world.public}").get_data(as_text=True)
    assert "<video" in page and f"/medias/{asset.id}/{asset.revision}/360p.mp4" in page


def test_discovery_and_version_check(client, login, world):
    options = client.options("/api/v1/media/uploads")
    assert options.headers["Tus-Version"] == "1.0.0"
    assert "creation" in options.headers["Tus-Extension"] and "termination" in options.headers["Tus-Extension"]
    assert int(options.headers["Tus-Max-Size"]) == 4 * 1024**3
    login(world.people.editor)
    response = client.post("/api/v1/media/uploads", headers={"Upload-Length": "10",
                                                             "Upload-Metadata": metadata(owner="resource:1")})
    assert response.status_code == 412
    assert response.headers["Tus-Version"] == "1.0.0"


def test_termination_removes_the_bytes(client, login, world):
    login(world.people.editor)
    location = path_of(tus_create(client, f"resource:{world.public}", 100).headers["Location"])
    upload = db.session.scalar(sa.select(Upload))
    temp = get_storage().path(upload.temp_key)
    assert temp.exists()
    assert client.delete(location, headers=TUS).status_code == 204
    assert not temp.exists()
    assert client.head(location, headers=TUS).status_code == 404


def test_too_large_is_refused_with_413(client, login, world, app):
    login(world.people.editor)
    app.config["MEDIA_MAX_BYTES"] = 1000
    try:
        refused = tus_create(client, f"resource:{world.public}", 1001)
    finally:
        app.config["MEDIA_MAX_BYTES"] = 4 * 1024**3
    assert refused.status_code == 413
    assert "trop volumineux" in refused.json["detail"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Upload)) == 0
    # and no PATCH may send more than announced
    location = path_of(tus_create(client, f"resource:{world.public}", 10).headers["Location"])
    assert tus_patch(client, location, 0, b"x" * 11).status_code == 413


def test_a_renamed_executable_is_refused_with_415(client, login, world):
    login(world.people.editor)
    executable = Path(sys.executable).read_bytes()[:200_000]  # an ELF binary, named like a video
    before = set(get_storage().temp_dir().glob("tus-*"))
    response = tus_upload(client, f"resource:{world.public}", executable, filename="cours.mp4")
    assert response.status_code == 415
    assert "ni une vidéo ni un son" in response.json["detail"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Upload)) == 0
    assert db.session.scalar(sa.select(sa.func.count(MediaAsset.id))) == 0
    assert set(get_storage().temp_dir().glob("tus-*")) == before


def test_wrong_offset_is_a_conflict(client, login, world):
    login(world.people.editor)
    location = path_of(tus_create(client, f"resource:{world.public}", 100).headers["Location"])
    assert tus_patch(client, location, 10, b"x" * 10).status_code == 409
    assert client.patch(location, data=b"x", headers={**TUS, "Upload-Offset": "0",
                                                      "Content-Type": "text/plain"}).status_code == 415


def test_paths_never_come_from_the_request(client, login, world, clips):
    login(world.people.editor)
    data = clips.small.read_bytes()
    response = tus_upload(client, f"resource:{world.public}", data, filename="../../../../etc/passwd")
    assert response.status_code == 204
    asset = db.session.scalar(sa.select(MediaAsset))
    assert asset.filename == "passwd"
    assert asset.original_key.startswith("originals/") and ".." not in asset.original_key
    root = get_storage().root
    assert get_storage().path(asset.original_key).is_relative_to(root)
    for upload_id in ("..%2F..%2Fetc%2Fpasswd", "../../etc/passwd", "%2e%2e"):
        assert client.head(f"/api/v1/media/uploads/{upload_id}", headers=TUS).status_code in (404, 405)
    for name in ("../../../etc/passwd", "..%2F..%2Foriginals", "hls/../../../x", "/etc/passwd", "360p.mp4/.."):
        assert client.get(f"/medias/{asset.id}/{asset.revision}/{name}", follow_redirects=True).status_code == 404
    assert tus_create(client, "resource:1/../2", 10).status_code == 404
    assert tus_create(client, "../../x:1", 10).status_code == 404


def test_only_editors_of_the_resource_may_upload(client, login, world, logout):
    owner = f"resource:{world.private}"
    assert tus_create(client, owner, 10).status_code == 401
    login(world.people.learner)
    assert tus_create(client, owner, 10).status_code == 403
    login(world.people.outsider)  # cannot even see the partner-only resource
    assert tus_create(client, owner, 10).status_code == 404
    assert tus_create(client, "course:1", 10).status_code == 404  # nobody registered that owner type
    login(world.people.editor)
    created = tus_create(client, owner, 10)
    assert created.status_code == 201
    login(world.people.outsider)  # someone else's upload is invisible
    location = path_of(created.headers["Location"])
    assert client.head(location, headers=TUS).status_code == 404
    assert tus_patch(client, location, 0, b"x").status_code == 404
    assert client.delete(location, headers=TUS).status_code == 404


def test_cookie_writes_need_the_csrf_header(client, login, world, app):
    login(world.people.editor)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert tus_create(client, f"resource:{world.public}", 10).status_code == 400
        page = client.get(f"/medias/deposer/resource/{world.public}").get_data(as_text=True)
        token = page.split('data-csrf="', 1)[1].split('"', 1)[0]
        assert tus_create(client, f"resource:{world.public}", 10, **{"X-CSRFToken": token}).status_code == 201
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_a_cookie_session_patch_may_exceed_the_form_request_limit(client, login, world, app, clips):
    """The page sends 50 MiB chunks with the session cookie: its CSRF check reads the body stream, which must not
    be opened yet with the app-wide request limit (TERREAU_MAX_REQUEST_BYTES, for forms)."""
    login(world.people.editor)
    data = clips.small.read_bytes()
    app.config.update(WTF_CSRF_ENABLED=True, MAX_CONTENT_LENGTH=len(data) // 4)
    try:
        page = client.get(f"/medias/deposer/resource/{world.public}").get_data(as_text=True)
        token = {"X-CSRFToken": page.split('data-csrf="', 1)[1].split('"', 1)[0]}
        created = tus_create(client, f"resource:{world.public}", len(data), **token)
        response = client.patch(path_of(created.headers["Location"]), data=data, headers={
            **TUS, **token, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"})
        assert response.status_code == 204, response.get_data(as_text=True)
        assert response.headers["Upload-Offset"] == str(len(data))
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_an_interrupted_patch_keeps_what_arrived(client, login, world, clips):
    """The connection drops in the middle of a PATCH: the server keeps the bytes received, HEAD says so."""
    login(world.people.editor)
    data = clips.p360.read_bytes()
    location = path_of(tus_create(client, f"resource:{world.public}", len(data)).headers["Location"])
    sent = 20_000

    class Dropping(io.BytesIO):
        """Promises the whole file, delivers 20 kB, then the client is gone."""

    body = Dropping(data[:sent])
    response = client.patch(location, input_stream=body, headers={
        **TUS, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream",
        "Content-Length": str(len(data))})
    assert response.status_code in (204, 400)  # nobody reads the answer to a client that vanished
    assert client.head(location, headers=TUS).headers["Upload-Offset"] == str(sent)
    assert tus_patch(client, location, sent, data[sent:]).status_code == 204
    asset = db.session.scalar(sa.select(MediaAsset))
    assert get_storage().path(asset.original_key).read_bytes() == data


def test_upload_page(client, login, world):
    url = f"/medias/deposer/resource/{world.private}"
    assert client.get(url).status_code == 404  # a resource anonymous visitors cannot see stays invisible
    assert client.get(f"/medias/deposer/resource/{world.public}").status_code == 302  # to the login page
    login(world.people.learner)
    assert client.get(url).status_code == 403
    login(world.people.outsider)
    assert client.get(url).status_code == 404
    login(world.people.editor)
    page = client.get(url).get_data(as_text=True)
    assert "Statuts de la SCIC" in page and "tus.min.js" in page and 'data-owner="resource:' in page
    assert client.get("/medias/deposer/inconnu/1").status_code == 404


def test_a_second_patch_while_the_first_runs_is_told_to_wait(client, login, world):
    """A client retrying while its first PATCH still streams gets 423 (tus clients retry), never a mixed file."""
    import fcntl

    login(world.people.editor)
    location = path_of(tus_create(client, f"resource:{world.public}", 100).headers["Location"])
    upload = db.session.scalar(sa.select(Upload))
    with get_storage().path(upload.temp_key).open("r+b") as busy:
        fcntl.flock(busy, fcntl.LOCK_EX)  # what the first PATCH holds while it writes
        assert tus_patch(client, location, 0, b"x" * 10).status_code == 423
    assert tus_patch(client, location, 0, b"x" * 10).status_code == 204
