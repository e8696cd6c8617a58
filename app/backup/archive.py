"""Writing an archive while the app runs, and checking one whole before anything is restored from it."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath

import click
from flask import current_app
from sqlalchemy.engine import Connection

from app.backup import DATABASE_FOLDER, FORMAT_VERSION, MANIFEST, MEDIA_FOLDER, BackupError, database

CHUNK = 1024 * 1024
#: a storage key as media.storage makes them: `folder/3f/3f9c…e1[.ext]` (a file, or a folder of renditions)
STORAGE_KEY = re.compile(r"^[a-z][a-z0-9_-]*/[0-9a-f]{2}/[0-9a-f]{16,64}(\.[A-Za-z0-9]{1,10})?$")
#: scratch space of uploads in progress: never part of a backup
SKIPPED_FOLDERS = {"tmp"}


class _Hashing(io.RawIOBase):
    """A reader that hashes what passes through it (tarfile reads the member from it)."""

    def __init__(self, handle):
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        data = self.handle.read(n)
        self.digest.update(data)
        self.size += len(data)
        return data


def media_root() -> Path:
    return Path(current_app.config["MEDIA_ROOT"]).resolve()


def terreau_version() -> str:
    try:
        return metadata.version("terreau")
    except metadata.PackageNotFoundError:
        return "inconnue"


# Writing ------------------------------------------------------------------------------------------------------

def create_backup(output: Path) -> dict:
    """Write the archive to `output` (via a temporary name, so a failed run leaves nothing) and return its
    manifest; `manifest["vanished"]` lists referenced files that were gone when their turn came."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        # 0600 whatever the umask: the archive holds every account's e-mail and password hash
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as raw, \
                tarfile.open(fileobj=raw, mode="w:gz") as tar:
            manifest = _write_database(tar)
            manifest["files"], vanished = _write_media(tar)
            manifest["vanished"] = sorted(set(vanished) | _missing(manifest.pop("referenced")))
            _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _write_database(tar: tarfile.TarFile) -> dict:
    """Every table from one snapshot, plus the storage keys its rows point to."""
    with database.snapshot() as conn:
        manifest = {
            "format_version": FORMAT_VERSION, "terreau_version": terreau_version(),
            "alembic_revision": database.alembic_revision(conn), "database_backend": conn.dialect.name,
            "created_dt": datetime.now(UTC).isoformat(), "tables": [], "referenced": set(),
        }
        for table in database.tables():
            manifest["tables"].append(_write_table(tar, conn, table, manifest["referenced"]))
    return manifest


def _write_table(tar: tarfile.TarFile, conn: Connection, table, referenced: set) -> dict:
    key_columns = [column.name for column in table.columns if column.name.endswith("_key")]
    rows = 0
    with tempfile.TemporaryFile() as spool:
        for line in database.dump_rows(conn, table):
            spool.write(line.encode())
            rows += 1
            if key_columns:
                row = json.loads(line)
                referenced.update(row[name] for name in key_columns
                                  if isinstance(row[name], str) and STORAGE_KEY.match(row[name]))
        member = f"{DATABASE_FOLDER}/{table.name}.jsonl"
        size, digest = _add_file(tar, member, spool, spool.tell())
    return {"name": table.name, "rows": rows, "member": member, "size": size, "sha256": digest}


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*")
                  if path.is_file() and path.relative_to(root).parts[0] not in SKIPPED_FOLDERS)


def _write_media(tar: tarfile.TarFile) -> tuple[list[dict], list[str]]:
    """Copy the media store after the snapshot: keys are never rewritten in place, so every file the snapshot
    points to is there unless it was deleted meanwhile (reported, not fatal)."""
    root = media_root()
    files, vanished = [], []
    with click.progressbar(_media_files(root), label="Fichiers média", show_pos=True) as paths:
        for path in paths:
            key = path.relative_to(root).as_posix()
            try:
                with path.open("rb") as handle:
                    size, digest = _add_file(tar, f"{MEDIA_FOLDER}/{key}", handle, os.fstat(handle.fileno()).st_size)
            except FileNotFoundError:
                vanished.append(key)
                continue
            files.append({"key": key, "size": size, "sha256": digest})
    return files, vanished


def _missing(referenced: set[str]) -> set[str]:
    """Keys the snapshot points to that the media store no longer holds (a file, or a folder of renditions)."""
    root = media_root()
    return {key for key in referenced if not (root / key).exists()}


def _add_file(tar: tarfile.TarFile, name: str, handle, size: int) -> tuple[int, str]:
    handle.seek(0)
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(datetime.now(UTC).timestamp()), 0o644
    reader = _Hashing(handle)
    tar.addfile(info, reader)
    return reader.size, reader.digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    _add_file(tar, name, io.BytesIO(data), len(data))


# Checking -----------------------------------------------------------------------------------------------------

def safe_media_key(name: str) -> str:
    """The storage key of a `media/...` member, refused if it could land outside the media store."""
    key = name[len(MEDIA_FOLDER) + 1:]
    parts = key.split("/")
    if (not key or "\\" in key or "\x00" in key or PurePosixPath(key).is_absolute()
            or any(part in ("", ".", "..") for part in parts) or parts[0] in SKIPPED_FOLDERS):
        raise BackupError(f"chemin refusé dans l'archive : {name!r}")
    return key


def _check_member(member: tarfile.TarInfo) -> None:
    name = member.name
    if not member.isreg():
        raise BackupError(f"élément refusé dans l'archive (pas un fichier ordinaire) : {name!r}")
    if name == MANIFEST or re.fullmatch(rf"{DATABASE_FOLDER}/[a-z0-9_]+\.jsonl", name):
        return
    if not name.startswith(MEDIA_FOLDER + "/"):
        raise BackupError(f"élément inattendu dans l'archive : {name!r}")
    safe_media_key(name)


def _read_members(tar: tarfile.TarFile) -> Iterator[tuple[tarfile.TarInfo, bytes | None, str, int]]:
    """Each member with its sha256 and size (the manifest's own bytes too)."""
    for member in tar:
        _check_member(member)
        handle = tar.extractfile(member)
        digest, size, kept = hashlib.sha256(), 0, []
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if member.name == MANIFEST:
                kept.append(chunk)
        yield member, b"".join(kept) if member.name == MANIFEST else None, digest.hexdigest(), size


def verify(path: Path) -> dict:
    """Read the whole archive: every member path safe, every member listed in the manifest with its size and
    sha256, nothing listed missing. Returns the manifest; raises BackupError otherwise."""
    seen, manifest = {}, None
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member, data, digest, size in _read_members(tar):
                if member.name in seen:
                    raise BackupError(f"élément en double dans l'archive : {member.name!r}")
                seen[member.name] = (size, digest)
                if data is not None:
                    manifest = json.loads(data)
    except (tarfile.TarError, OSError, EOFError, json.JSONDecodeError) as exc:
        raise BackupError(f"archive illisible : {exc}") from exc
    if manifest is None:
        raise BackupError("archive sans manifeste (manifest.json)")
    _check_manifest(manifest, seen)
    return manifest


def _check_manifest(manifest: dict, seen: dict) -> None:
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"format d'archive {manifest.get('format_version')!r} non pris en charge "
                          f"(attendu : {FORMAT_VERSION})")
    expected = {entry["member"]: (entry["size"], entry["sha256"]) for entry in manifest["tables"]}
    expected.update({f"{MEDIA_FOLDER}/{entry['key']}": (entry["size"], entry["sha256"])
                     for entry in manifest["files"]})
    seen = {name: value for name, value in seen.items() if name != MANIFEST}
    for name in sorted(set(expected) | set(seen)):
        if name not in seen:
            raise BackupError(f"élément annoncé par le manifeste mais absent de l'archive : {name}")
        if name not in expected:
            raise BackupError(f"élément absent du manifeste : {name}")
        if seen[name] != expected[name]:
            raise BackupError(f"somme de contrôle ou taille différente pour {name} : archive altérée")
    known = {table.name for table in database.tables()}
    unknown = [entry["name"] for entry in manifest["tables"] if entry["name"] not in known]
    if unknown:
        raise BackupError(f"tables inconnues de cette version de Terreau : {', '.join(unknown)}")
