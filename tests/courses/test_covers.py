"""Course covers: an uploaded image, typed by its content and size-limited, shown on the course's cards (the list
and the partner's portal) and page, carried by bundles and copies; courses without cover keep working."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import sqlalchemy as sa

from app.db import db

pytest_plugins = ["tests.paths.fixtures"]


def png(width=64, height=24, colour=(208, 140, 96)) -> bytes:
    """A real PNG of one colour (so the sniffing sees a genuine image)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(colour) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _edit(client, learning, **extra):
    form = {"title": "Habiter léger", "owner_partner_id": str(learning.hls), "level": "beginner",
            "summary": "Du projet au hameau.", **extra}
    return client.post(f"/parcours/{learning.course}/modifier", data=form, content_type="multipart/form-data")


def test_an_uploaded_cover_shows_on_the_card_and_the_course_page(learning, client, login):
    from courses.models import Course

    image = png()
    login(learning.editor)
    assert _edit(client, learning, cover=(io.BytesIO(image), "photo.txt")).status_code == 302  # the name is ignored
    course = db.session.get(Course, learning.course)
    assert course.cover_mime == "image/png" and course.cover_key.endswith(".png")
    client.post("/deconnexion")
    address = f"/parcours/{learning.course}/couverture?v={course.cover_version}"
    assert f'src="{address}"' in client.get(f"/parcours/{learning.course}").get_data(as_text=True)
    assert f'src="{address}"' in client.get("/parcours/").get_data(as_text=True)
    assert f'src="{address}"' in client.get("/p/hls/").get_data(as_text=True)  # the partner portal's card
    served = client.get(address)
    assert served.status_code == 200 and served.data == image and served.mimetype == "image/png"
    assert served.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_file_that_is_not_an_image_or_too_large_is_refused(learning, client, login, app):
    from courses.models import Course

    login(learning.editor)
    fake = _edit(client, learning, cover=(io.BytesIO(b"<svg onload='alert(1)'></svg>"), "image.png"))
    assert fake.status_code == 415
    assert "La couverture doit être une image PNG, JPEG, WebP ou GIF." in fake.get_data(as_text=True)
    app.config["MAX_COVER_BYTES"] = 1024 * 1024
    try:
        big = _edit(client, learning, cover=(io.BytesIO(png() + b"\0" * (1024 * 1024)), "grande.png"))
    finally:
        app.config.pop("MAX_COVER_BYTES")
    assert big.status_code == 413 and "L&#39;image dépasse la taille permise (1 Mo)." in big.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Course, learning.course).cover_key is None


def test_a_cover_is_replaced_then_removed_and_its_files_go(learning, client, login, app):
    from courses.models import Course
    from media.storage import get_storage

    login(learning.editor)
    _edit(client, learning, cover=(io.BytesIO(png()), "a.png"))
    first = db.session.get(Course, learning.course).cover_key
    _edit(client, learning, cover=(io.BytesIO(png(colour=(31, 78, 95))), "b.png"))
    db.session.expire_all()
    second = db.session.get(Course, learning.course).cover_key
    assert second != first and not get_storage().exists(first) and get_storage().exists(second)
    _edit(client, learning, remove_cover="true")
    db.session.expire_all()
    assert db.session.get(Course, learning.course).cover_key is None and not get_storage().exists(second)
    assert client.get(f"/parcours/{learning.course}/couverture").status_code == 404


def test_a_draft_course_cover_is_only_served_to_its_editors(learning, client, login):
    login(learning.editor)
    _edit(client, learning, cover=(io.BytesIO(png()), "a.png"))
    client.post(f"/parcours/{learning.course}/publication", data={"published": "false"})
    assert client.get(f"/parcours/{learning.course}/couverture").headers["Cache-Control"].startswith("private")
    client.post("/deconnexion")
    assert client.get(f"/parcours/{learning.course}/couverture").status_code == 404


def test_courses_without_cover_keep_working(learning, client):
    page = client.get(f"/parcours/{learning.course}").get_data(as_text=True)
    assert "Habiter léger" in page and "couverture" not in page
    assert client.get(f"/parcours/{learning.course}/couverture").status_code == 404


def test_bundles_and_copies_carry_the_cover(learning, client, login):
    from courses import covers
    from courses.models import Course

    image = png(colour=(50, 120, 60))
    login(learning.editor)
    _edit(client, learning, cover=(io.BytesIO(image), "a.png"))
    exported = client.get(f"/parcours/{learning.course}/paquet.zip").data
    assert zipfile.ZipFile(io.BytesIO(exported)).read("cover.png") == image
    client.post("/parcours/importer", data={"partner_id": learning.hls, "bundle": (io.BytesIO(exported), "p.zip")},
                content_type="multipart/form-data")
    client.post(f"/parcours/{learning.course}/copier", data={"partner_id": learning.hls})
    others = list(db.session.scalars(sa.select(Course).where(Course.id != learning.course)))
    original = db.session.get(Course, learning.course)
    assert len(others) == 2
    for other in others:
        assert covers.cover_bytes(other) == image and other.cover_key != original.cover_key


def test_a_bundle_whose_cover_is_not_an_image_writes_nothing(learning, client, login):
    from courses.models import Course

    login(learning.editor)
    exported = zipfile.ZipFile(io.BytesIO(client.get(f"/parcours/{learning.course}/paquet.zip").data))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        for name in exported.namelist():
            data = exported.read(name)
            if name == "course.yaml":
                data = data.replace(b"cover: null", b"cover: cover.png")
            archive.writestr(name, data)
        archive.writestr("cover.png", b"#!/bin/sh\necho pas une image\n")
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Course))
    response = client.post("/parcours/importer", data={"partner_id": learning.hls,
                                                        "bundle": (io.BytesIO(broken.getvalue()), "p.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "ce n&#39;est pas une image PNG, JPEG, WebP ou GIF" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Course)) == before
