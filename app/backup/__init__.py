"""Backups: `flask backup` writes one archive (manifest, database as JSON lines, media files) while the app runs;
`flask restore` checks it whole before it writes anything, then restores it all or nothing.

The archive is a tar.gz:

    database/<table>.jsonl   one JSON object per row, tables in foreign-key order, read in ONE snapshot
    media/<key>              the files of the media store, by their storage key
    manifest.json            format, versions, Alembic revision, counts, and the size and sha256 of every member

JSON lines rather than a native dump so an archive taken on the embedded SQLite restores into PostgreSQL (and
back): the rows go through the same SQLAlchemy tables on both sides.
"""

from __future__ import annotations

#: bumped when the archive layout changes; restore refuses any other
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FOLDER = "database"
MEDIA_FOLDER = "media"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for people (French)."""
