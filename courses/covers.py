"""Course covers: an uploaded image, typed by sniffing its content (never its name), under a size limit, stored in
media's storage under a generated name; served by the course's `couverture` address to whoever sees the course.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import filetype
from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from app.db import db
from courses.models import Course
from media.storage import get_storage, new_key

#: sniffed extension -> MIME type a cover may be (SVG is refused: it can carry scripts)
COVER_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "gif": "image/gif"}
DEFAULT_MAX_BYTES = 3 * 1024 * 1024
CHUNK = 256 * 1024


class CoverRejected(Exception):
    """The image is refused; `status` is 413 (too large) or 415 (not an accepted image), the message is French."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def max_bytes() -> int:
    return int(current_app.config.get("MAX_COVER_BYTES", DEFAULT_MAX_BYTES))


def sniff_image(head: bytes) -> tuple[str, str] | None:
    """(extension, MIME type) of an accepted raster image, from its first bytes; None otherwise."""
    kind = filetype.guess(head)
    if kind is None or kind.extension not in COVER_TYPES:
        return None
    return kind.extension, COVER_TYPES[kind.extension]


def _spool(stream, limit: int) -> tuple[Path, bytes]:
    """Copy the upload to a temporary file; refuse it as soon as it passes `limit` bytes."""
    size, head = 0, b""
    with tempfile.NamedTemporaryFile(dir=get_storage().temp_dir(), delete=False, prefix="cover-") as handle:
        path = Path(handle.name)
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                break
            head = head or chunk[:8192]
            handle.write(chunk)
    if size > limit:
        path.unlink(missing_ok=True)
        raise CoverRejected(413, _("L'image dépasse la taille permise (%(size)s Mo).", size=limit // (1024 * 1024)))
    return path, head


def store_cover(stream) -> tuple[str, str]:
    """Check and store an image from a binary stream; returns its storage key and MIME type."""
    path, head = _spool(stream, max_bytes())
    sniffed = sniff_image(head)
    if sniffed is None:
        path.unlink(missing_ok=True)
        raise CoverRejected(415, _("La couverture doit être une image PNG, JPEG, WebP ou GIF."))
    key = new_key("covers", sniffed[0])
    get_storage().save_file(key, path)
    return key, sniffed[1]


def set_cover(course: Course, upload: FileStorage) -> None:
    """Replace the course's cover by the uploaded image; the previous file is removed."""
    key, mime = store_cover(upload.stream)
    old = course.cover_key
    course.cover_key, course.cover_mime = key, mime
    db.session.flush()
    if old and old != key:
        get_storage().delete(old)


def remove_cover(course: Course) -> None:
    if course.cover_key:
        get_storage().delete(course.cover_key)
    course.cover_key = course.cover_mime = None
    db.session.flush()


def copy_cover(source: Course, target: Course) -> None:
    """Give `target` its own copy of `source`'s cover file (deleting one never breaks the other)."""
    storage = get_storage()
    if not source.cover_key or not storage.exists(source.cover_key):
        return
    with storage.open(source.cover_key) as handle:
        target.cover_key, target.cover_mime = store_cover(handle)


def cover_bytes(course: Course) -> bytes | None:
    storage = get_storage()
    if not course.cover_key or not storage.exists(course.cover_key):
        return None
    with storage.open(course.cover_key) as handle:
        return handle.read()
