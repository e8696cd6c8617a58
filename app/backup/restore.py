"""Restoring an archive that `archive.verify` accepted: media files first (new keys only appear), then every
table in one transaction, all or nothing."""

from __future__ import annotations

import hashlib
import json
import os
import tarfile
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app

from app.backup import MEDIA_FOLDER, BackupError, archive, database
from app.db import db


def code_head() -> str | None:
    """The Alembic head revision of the code's migrations."""
    from alembic.script import ScriptDirectory

    migrate = current_app.extensions["migrate"]
    config = migrate.migrate.get_config(migrate.directory)
    return ScriptDirectory.from_config(config).get_current_head()


def prepare_target(manifest: dict, overwrite: bool) -> None:
    """Refuse an archive of another schema revision and a database that holds rows (unless `overwrite`), even
    rows the migrations seeded; a database without any table counts as empty and gets the schema at once."""
    head = code_head()
    revision = manifest.get("alembic_revision")
    if revision is not None and revision != head:
        raise BackupError(f"l'archive est à la révision de schéma {revision}, ce code à {head} : restaurez-la avec "
                          "la version de Terreau qui l'a écrite, puis mettez à jour (`flask db upgrade`).")
    with db.engine.connect() as conn:
        has_schema = bool(set(sa.inspect(conn).get_table_names()) - {"alembic_version"})
        target_revision = database.alembic_revision(conn)
        filled = database.non_empty_tables(conn) if has_schema else []
    if filled and not overwrite:
        raise BackupError("la base de données n'est pas vide (" + ", ".join(filled[:5])
                          + (" …" if len(filled) > 5 else "") + ") : relancez avec --yes pour la remplacer "
                          "entièrement par le contenu de l'archive.")
    if not has_schema:
        from flask_migrate import upgrade

        upgrade()
    elif target_revision is not None and target_revision != head:
        raise BackupError(f"la base est à la révision {target_revision}, le code à {head} : "
                          "lancez d'abord `flask db upgrade`.")


def restore_media(path: Path, manifest: dict) -> int:
    """Write the archive's media files under their keys; a file already there with the same bytes is kept."""
    root = archive.media_root()
    expected = {entry["key"]: entry["sha256"] for entry in manifest["files"]}
    written = 0
    with tarfile.open(path, "r:gz") as tar, click.progressbar(
            length=len(expected), label="Fichiers média", show_pos=True) as bar:
        for member in tar:
            if not member.name.startswith(MEDIA_FOLDER + "/"):
                continue
            key = archive.safe_media_key(member.name)
            written += _write_file(root, key, tar.extractfile(member), expected[key])
            bar.update(1)
    return written


def _write_file(root: Path, key: str, source, sha256: str) -> int:
    target = (root / key).resolve()
    if not target.is_relative_to(root) or target == root:
        raise BackupError(f"chemin refusé dans l'archive : {key!r}")
    if target.is_file() and _sha256(target) == sha256:
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.restoring")
    with partial.open("wb") as handle:
        while chunk := source.read(archive.CHUNK):
            handle.write(chunk)
    os.replace(partial, target)
    return 1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(archive.CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def restore_database(path: Path, manifest: dict) -> dict[str, int]:
    """Empty every table and insert the archive's rows, parents first, in ONE transaction."""
    by_name = {table.name: table for table in database.tables()}
    counts = {}
    db.session.remove()
    with tarfile.open(path, "r:gz") as tar, db.engine.begin() as conn:
        database.empty_all(conn)
        for entry in manifest["tables"]:
            table = by_name[entry["name"]]
            rows = (database.decode_row(table, json.loads(line)) for line in tar.extractfile(entry["member"]))
            counts[table.name] = database.insert_rows(conn, table, rows)
            if counts[table.name] != entry["rows"]:
                raise BackupError(f"{table.name} : {counts[table.name]} lignes lues, {entry['rows']} annoncées")
        database.reset_sequences(conn)
    return counts
