"""Attachments: streamed to disk under a size limit, typed by sniffing the content, stored by generated name."""

from __future__ import annotations

import hashlib
import re
import tempfile
import unicodedata
from pathlib import Path

import filetype
from flask import current_app
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from app.db import db
from commons.models import Attachment, Resource
from media.storage import get_storage, new_key

CHUNK = 1024 * 1024

#: sniffed extension -> MIME type accepted as an attachment (documents, office files, images, archives)
ACCEPTED_TYPES = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "rtf": "application/rtf",
    "epub": "application/epub+zip",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "zip": "application/zip",
    "7z": "application/x-7z-compressed",
    "gz": "application/gzip",
    "tar": "application/x-tar",
}
#: types shown inline in the browser; everything else is downloaded
INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp", "text/plain"}
#: plain-text names accepted when the content is valid UTF-8 without control bytes
TEXT_EXTENSIONS = {"txt": "text/plain", "csv": "text/csv", "md": "text/markdown"}


class AttachmentRejected(Exception):
    """The file is refused; `status` is 413 (too large) or 415 (type), the message is for people."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def safe_filename(name: str | None) -> str:
    """A display name without directories, control characters or leading dots; accents are kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", name).strip().lstrip(".")
    name = re.sub(r"\s+", " ", name)
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 190] + dot + ext[:9]) if dot else name[:200]
    return name or "fichier"


def _spool(upload: FileStorage, folder: Path, limit: int) -> tuple[Path, int, str]:
    """Copy the upload to a temporary file chunk by chunk; refuse it as soon as it passes `limit`."""
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=folder, delete=False, prefix="upload-") as handle:
        path = Path(handle.name)
        while chunk := upload.stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                break
            digest.update(chunk)
            handle.write(chunk)
    if size > limit:
        path.unlink(missing_ok=True)
        raise AttachmentRejected(413, _("Fichier trop volumineux (maximum %(size)s Mo).", size=limit // (1024 * 1024)))
    return path, size, digest.hexdigest()


def _is_plain_text(path: Path) -> bool:
    sample = path.read_bytes()[: 64 * 1024]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not re.search(r"[\x00-\x08\x0b\x0e-\x1f]", text)


def sniff(path: Path, filename: str) -> tuple[str, str]:
    """(extension, MIME type) found from the bytes; a name that lies about its content is refused."""
    kind = filetype.guess(str(path))
    if kind is not None and kind.extension in ACCEPTED_TYPES:
        return kind.extension, ACCEPTED_TYPES[kind.extension]
    claimed = filename.rpartition(".")[2].lower()
    if kind is None and claimed in TEXT_EXTENSIONS and _is_plain_text(path):
        return claimed, TEXT_EXTENSIONS[claimed]
    if kind:
        message = _("Type de fichier non accepté (contenu reconnu : %(mime)s). Formats acceptés : PDF, documents "
                    "bureautiques, images, archives, texte.", mime=kind.mime)
    else:
        message = _("Type de fichier non accepté. Formats acceptés : PDF, documents bureautiques, images, archives, "
                    "texte.")
    raise AttachmentRejected(415, message)


def add_attachment(resource: Resource, upload: FileStorage, user) -> Attachment:
    """Store an uploaded file for `resource`; nothing is written to the database if it is refused."""
    storage = get_storage()
    filename = safe_filename(upload.filename)
    temp_path, size, sha256 = _spool(upload, storage.temp_dir(), current_app.config["MAX_ATTACHMENT_BYTES"])
    try:
        if size == 0:
            raise AttachmentRejected(422, _("Le fichier est vide."))
        extension, mime_type = sniff(temp_path, filename)
        key = new_key("attachments", extension)
        storage.save_file(key, temp_path)
    finally:
        temp_path.unlink(missing_ok=True)
    attachment = Attachment(resource_id=resource.id, filename=filename, storage_key=key, mime_type=mime_type,
                            size=size, sha256=sha256, uploaded_by_id=user.id)
    db.session.add(attachment)
    db.session.flush()
    return attachment


def remove_attachment(attachment: Attachment) -> None:
    """Soft-delete: the file stays until the resource is purged, so restoring a revision keeps working."""
    attachment.mark_deleted()
    db.session.flush()
