"""Resumable uploads (tus 1.0 core, with the creation and termination extensions), streamed to disk.

The bytes of each PATCH are copied chunk by chunk to a temporary file under the storage's tmp folder, whose size
is the upload's offset: an interrupted PATCH keeps what arrived and the client resumes from there. The content is
sniffed as soon as the first 8 KiB are in (a renamed executable is refused with 415); the announced length is
checked against the maximum at creation (413) and no PATCH may go past it. When the last byte arrives, the file
moves to a generated key and becomes a queued MediaAsset of the owner named at creation.
"""

from __future__ import annotations

import base64
import binascii
import fcntl
import os
import re
import secrets
import unicodedata
from datetime import timedelta

import filetype
from flask import current_app
from flask_babel import gettext as _

from app.db import db, utcnow
from media import owners
from media.models import JobState, MediaAsset, Upload
from media.storage import get_storage, new_key

CHUNK = 1024 * 1024
#: bytes filetype needs to recognise a format
SNIFF_BYTES = 8192
DEFAULT_MAX_BYTES = 4 * 1024**3
#: an unfinished upload is forgotten after this long
UPLOAD_LIFETIME = timedelta(days=7)
#: sniffed types accepted besides any video/* and audio/* (filetype names some audio containers so)
EXTRA_TYPES = {"application/ogg"}
REFUSED_TYPES = {"audio/midi"}


class MediaRejected(Exception):
    """Refused: `status` is the HTTP status (404, 409, 413, 415, 422…), the message is for people."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def max_bytes() -> int:
    """The largest file accepted (TERREAU_MEDIA_MAX_BYTES, 4 GiB by default)."""
    return int(current_app.config.get("MEDIA_MAX_BYTES") or DEFAULT_MAX_BYTES)


def clean_filename(name: str | None) -> str:
    """A display name: no folders, control or markup characters, at most 200 characters."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", name).strip().lstrip(".")
    return re.sub(r"\s+", " ", name)[:200] or "video"


def parse_metadata(header: str | None) -> dict[str, str]:
    """Upload-Metadata: comma-separated `key base64value` pairs; undecodable values are refused (400)."""
    metadata = {}
    for pair in (header or "").split(","):
        if not pair.strip():
            continue
        key, _sep, value = pair.strip().partition(" ")
        try:
            metadata[key] = base64.b64decode(value, validate=True).decode("utf-8") if value else ""
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise MediaRejected(400, _("En-tête Upload-Metadata illisible.")) from exc
    return metadata


def too_large_message() -> str:
    return _("Fichier trop volumineux (maximum %(size)s Mo).", size=max_bytes() // (1024 * 1024))


def create_upload(owner: owners.OwnerRef, user, length: int, metadata: dict[str, str]) -> Upload:
    """Start an upload for `owner` (the caller checked `user` may edit it); flushes."""
    if length > max_bytes():
        raise MediaRejected(413, too_large_message())
    if length <= 0:
        raise MediaRejected(422, _("Le fichier est vide."))
    storage = get_storage()
    upload = Upload(id=secrets.token_hex(16), owner_type=owner.type, owner_id=owner.id, user_id=user.id,
                    length=length, offset=0, filename=clean_filename(metadata.get("filename")),
                    temp_key=f"tmp/tus-{secrets.token_hex(16)}.part",
                    created_dt=utcnow(), expires_dt=utcnow() + UPLOAD_LIFETIME)
    storage.path(upload.temp_key).parent.mkdir(parents=True, exist_ok=True)
    storage.path(upload.temp_key).touch()
    db.session.add(upload)
    db.session.flush()
    return upload


def current_offset(upload: Upload) -> int:
    """Bytes on disk: the truth, even if a worker died between writing and recording them."""
    if upload.asset_id is not None:
        return upload.length
    path = get_storage().path(upload.temp_key)
    return path.stat().st_size if path.exists() else 0


def append(upload: Upload, stream, offset: int) -> int:
    """Write the PATCH body at `offset`; returns the new offset. Keeps what arrived if the client disconnects.

    The temporary file is locked while it grows: a second PATCH of the same upload at the same time (a client
    retrying while its first request still runs) gets 423 and retries, instead of writing over it."""
    path = get_storage().path(upload.temp_key)
    if not path.exists():
        raise MediaRejected(404, _("Ce dépôt n'existe plus."))
    with path.open("r+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise MediaRejected(423, _("Ce dépôt reçoit déjà des données ; réessayez dans un instant.")) from exc
        return _append_locked(upload, stream, offset, handle)


def _append_locked(upload: Upload, stream, offset: int, handle) -> int:
    on_disk = os.fstat(handle.fileno()).st_size
    if offset != on_disk:
        raise MediaRejected(409, _("Décalage incorrect : le serveur a reçu %(offset)s octets.", offset=on_disk))
    written, too_long = on_disk, False
    handle.seek(on_disk)
    try:
        while chunk := stream.read(CHUNK):
            if written + len(chunk) > upload.length:
                chunk, too_long = chunk[: upload.length - written], True
            handle.write(chunk)
            written += len(chunk)
            if too_long:
                break
    finally:  # also when the client went away: what arrived counts
        handle.flush()
        upload.offset = written
        db.session.flush()
    if too_long:
        raise MediaRejected(413, _("Le fichier dépasse la taille annoncée (%(size)s octets).", size=upload.length))
    _sniff_if_possible(upload)
    return written


def _sniff_if_possible(upload: Upload) -> None:
    """Identify the content from its first bytes once they are here; a non-media file ends the upload (415)."""
    if upload.mime_type or (upload.offset < SNIFF_BYTES and upload.offset < upload.length):
        return
    with get_storage().open(upload.temp_key) as handle:
        head = handle.read(SNIFF_BYTES)
    try:
        upload.mime_type, upload.extension = sniff(head)
    except MediaRejected:
        terminate(upload)
        raise
    db.session.flush()


def sniff(head: bytes) -> tuple[str, str]:
    """(type, extension) of a video or a sound from its first bytes; anything else is refused (415)."""
    kind = filetype.guess(head)
    accepted = kind is not None and kind.mime not in REFUSED_TYPES and (
        kind.mime.split("/")[0] in {"video", "audio"} or kind.mime in EXTRA_TYPES)
    if not accepted:
        found = _(" (contenu reconnu : %(mime)s)", mime=kind.mime) if kind else ""
        raise MediaRejected(415, _("Ce fichier n'est ni une vidéo ni un son%(found)s. Formats acceptés : MP4, MOV, "
                                   "MKV, WebM, AVI, MP3, M4A, OGG, WAV, FLAC.", found=found))
    return kind.mime, kind.extension


def is_complete(upload: Upload) -> bool:
    return upload.offset == upload.length and upload.asset_id is None


def finish(upload: Upload) -> MediaAsset:
    """Turn a complete upload into a queued asset (flushes); the caller enqueues the job after committing."""
    storage = get_storage()
    asset = queued_asset(owners.OwnerRef(upload.owner_type, upload.owner_id), upload.user_id,
                         storage.path(upload.temp_key), upload.filename, upload.mime_type, upload.extension)
    upload.asset_id = asset.id
    db.session.flush()
    return asset


def queued_asset(owner: owners.OwnerRef, user_id: int | None, received: os.PathLike, filename: str,
                 mime_type: str | None, extension: str | None) -> MediaAsset:
    """Move a received file (tus or form) to a generated key and make it a queued asset of `owner` (flushes)."""
    storage = get_storage()
    key = new_key("originals", extension or "bin")
    size = os.path.getsize(received)
    storage.save_file(key, received)
    asset = MediaAsset(owner_type=owner.type, owner_id=owner.id, filename=filename, original_key=key,
                       mime_type=mime_type or "application/octet-stream", size=size, uploaded_by_id=user_id,
                       state=JobState.QUEUED, queued_dt=utcnow())
    db.session.add(asset)
    db.session.flush()
    return asset


def terminate(upload: Upload) -> None:
    """tus termination: forget the upload and its bytes (flushes)."""
    get_storage().delete(upload.temp_key)
    db.session.delete(upload)
    db.session.flush()


def remove_expired_uploads() -> int:
    """Unfinished uploads past their lifetime, and their bytes, are removed; returns how many."""
    import sqlalchemy as sa

    expired = list(db.session.scalars(sa.select(Upload).where(Upload.expires_dt < utcnow())))
    for upload in expired:
        terminate(upload)
    return len(expired)

