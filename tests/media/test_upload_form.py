"""The upload page without JavaScript: a plain multipart form, streamed to disk, with the tus path's size limit,
sniffing and job."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from app.db import db
from media.models import JobState, MediaAsset
from media.storage import get_storage


def post_file(client, resource_id: int, data: bytes, filename: str = "tournage.mp4", **fields):
    return client.post(f"/medias/deposer/resource/{resource_id}",
                       data={"file": (io.BytesIO(data), filename), **fields}, content_type="multipart/form-data")


def leftovers() -> list:
    """Temporary files of form uploads still on disk (tus uploads of other tests keep theirs)."""
    return [path.name for path in get_storage().temp_dir().glob("form-*")]


def test_the_page_is_a_working_form_without_javascript(client, login, world):
    login(world.people.editor)
    page = client.get(f"/medias/deposer/resource/{world.private}").get_data(as_text=True)
    assert (f'method="post" enctype="multipart/form-data"\n        action="/medias/deposer/resource/{world.private}"'
            in page)
    assert 'name="file"' in page and 'name="csrf_token"' in page


def test_a_video_sent_by_the_form_is_transcoded_like_a_tus_upload(client, login, world, clips):
    login(world.people.editor)
    response = post_file(client, world.private, clips.p360.read_bytes(), "Chantier <paille>.mp4")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/{world.private}#medias")  # back to the resource's videos
    asset = db.session.scalars(sa.select(MediaAsset)).one()
    assert (asset.owner_type, asset.owner_id, asset.filename) == ("resource", world.private, "Chantier paille.mp4")
    assert asset.mime_type == "video/mp4" and asset.size == clips.p360.stat().st_size
    assert asset.state == JobState.READY and [r.label for r in asset.renditions] == ["360p"]
    assert get_storage().path(asset.original_key).read_bytes() == clips.p360.read_bytes()
    assert leftovers() == []
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "est reçu ; sa conversion commence" in page


def test_the_form_refuses_what_tus_refuses(app, client, login, world, clips):
    login(world.people.editor)
    executable = b"MZ\x90\x00\x03" + b"\x00" * 20_000
    refused = post_file(client, world.private, executable, "video.mp4")
    assert refused.status_code == 415
    assert "ni une vidéo ni un son" in refused.get_data(as_text=True)
    assert post_file(client, world.private, b"", "vide.mp4").status_code == 422
    assert client.post(f"/medias/deposer/resource/{world.private}", data={},
                       content_type="multipart/form-data").status_code == 400
    app.config["MEDIA_MAX_BYTES"] = 10_000
    try:
        too_large = post_file(client, world.private, clips.p360.read_bytes())
    finally:
        app.config["MEDIA_MAX_BYTES"] = 4 * 1024**3
    assert too_large.status_code == 413
    assert "Fichier trop volumineux" in too_large.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MediaAsset)) == 0
    assert leftovers() == []


@pytest.mark.parametrize("who, status", [("learner", 403), ("outsider", 404)])
def test_only_editors_of_the_owner_may_send_a_file(client, login, world, clips, who, status):
    login(getattr(world.people, who))
    assert post_file(client, world.private, clips.p360.read_bytes()).status_code == status
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MediaAsset)) == 0


def test_a_file_read_in_full_chunks_with_line_breaks_is_received(client, login, world, clips):
    """The parser reads 64 KiB at a time and keeps a few bytes after a line break that might start the boundary:
    its in-memory allowance must exceed one read plus those bytes, or the next full read is refused with 413
    (behind nginx, reads come full; a video has line-break bytes everywhere)."""
    login(world.people.editor)
    data = clips.p360.read_bytes() + (b"\n" + b"x" * 31) * 8192
    response = post_file(client, world.private, data)
    assert response.status_code == 302, response.get_data(as_text=True)[-300:]
    assert db.session.scalars(sa.select(MediaAsset)).one().size == len(data)


def test_the_form_checks_its_csrf_token_once_the_file_is_on_disk(app, client, login, world, clips):
    login(world.people.editor)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        forged = post_file(client, world.private, clips.p360.read_bytes(), csrf_token="forged")
        page = client.get(f"/medias/deposer/resource/{world.private}").get_data(as_text=True)
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        genuine = post_file(client, world.private, clips.p360.read_bytes(), csrf_token=token)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert forged.status_code == 400 and "Le formulaire a expiré" in forged.get_data(as_text=True)
    assert genuine.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(MediaAsset)) == 1
    assert leftovers() == []
