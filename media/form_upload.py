"""The upload page without JavaScript: one multipart POST, streamed to disk, then the same asset and job as tus.

Werkzeug's form parser writes the file part straight into a temporary file under the storage's tmp folder (the
same disk as the originals: finishing is a rename), never into memory. The request may be as large as the
largest accepted file plus the form's few fields; the file is sniffed like a tus upload (415 if it is neither a
video nor a sound) and checked against the same maximum (413). The CSRF token is checked once the body is parsed
(the app-wide check would parse it first, into memory and under the forms' small request limit).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from flask import current_app, request
from flask_babel import gettext as _
from flask_wtf.csrf import validate_csrf
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from wtforms import ValidationError

from media import owners, uploads
from media.models import MediaAsset
from media.storage import get_storage

#: room for the multipart boundaries, headers and the CSRF field around the file
FORM_OVERHEAD = 64 * 1024
#: what the parser may hold in memory: the CSRF field, or one 64 KiB read plus the bytes it keeps after a line
#: break that may start the boundary (at exactly 64 KiB, a full read following such bytes is refused with 413)
PARSER_MEMORY = 4 * 64 * 1024


class _Received:
    """The temporary files the parser opened for this request (one per file part); all removed unless kept."""

    def __init__(self):
        self.paths: list[Path] = []

    def open(self, total_content_length, content_type, filename, content_length=None):
        handle = tempfile.NamedTemporaryFile(dir=get_storage().temp_dir(), prefix="form-",  # noqa: SIM115
                                             suffix=".part", delete=False)  # closed by `receive`
        self.paths.append(Path(handle.name))
        return handle

    def remove_all_but(self, kept: Path | None = None) -> None:
        for path in self.paths:
            if path != kept:
                path.unlink(missing_ok=True)


def receive(owner: owners.OwnerRef, user) -> MediaAsset:
    """Parse the form of the upload page, check it, and make a queued asset (flushes); MediaRejected otherwise.
    The caller checked that `user` may edit `owner`; it commits, then enqueues the job."""
    limit = uploads.max_bytes() + FORM_OVERHEAD
    request.max_content_length = limit  # the app-wide limit is for ordinary forms
    received = _Received()
    kept = None
    try:
        form, files = _parse(received, limit)
        _check_csrf(form)
        part = files.get("file")
        if part is None or not part.filename:
            raise uploads.MediaRejected(400, _("Choisissez un fichier vidéo ou audio."))
        part.stream.close()
        path = Path(part.stream.name)
        asset = _make_asset(owner, user, path, part.filename)
        kept = path
        return asset
    finally:
        received.remove_all_but(kept)


def _parse(received: _Received, limit: int) -> tuple[MultiDict, MultiDict]:
    if request.mimetype != "multipart/form-data":
        raise uploads.MediaRejected(400, _("Envoyez le fichier avec le formulaire de la page."))
    parser = FormDataParser(stream_factory=received.open, max_form_memory_size=PARSER_MEMORY,
                            max_content_length=limit, cls=MultiDict)
    try:
        _stream, form, files = parser.parse(request.stream, request.mimetype, request.content_length,
                                            request.mimetype_params)
    except RequestEntityTooLarge as exc:
        raise uploads.MediaRejected(413, uploads.too_large_message()) from exc
    return form, files


def _check_csrf(form: MultiDict) -> None:
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    try:
        validate_csrf(form.get("csrf_token"))
    except ValidationError as exc:
        raise uploads.MediaRejected(400, _("Le formulaire a expiré : rechargez la page et recommencez.")) from exc


def _make_asset(owner: owners.OwnerRef, user, path: Path, filename: str) -> MediaAsset:
    size = os.path.getsize(path)
    if size > uploads.max_bytes():
        raise uploads.MediaRejected(413, uploads.too_large_message())
    if size == 0:
        raise uploads.MediaRejected(422, _("Le fichier est vide."))
    with path.open("rb") as handle:
        mime_type, extension = uploads.sniff(handle.read(uploads.SNIFF_BYTES))
    return uploads.queued_asset(owner, user.id, path, uploads.clean_filename(filename), mime_type, extension)
