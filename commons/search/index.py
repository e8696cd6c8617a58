"""The index on disk: where it lives, the one place it is written, pooled searchers, rebuild and check.

The index lives in `<instance>/search-index` (or `SEARCH_INDEX_DIR`). Only background jobs and the CLI write
it, always through `writer()`, which waits for the lock instead of failing. Only a rebuild creates it: a job
that finds it missing (or of an older schema version) queues a rebuild instead (see `healing`). Web requests
read through `searcher()`, which lends a pooled searcher refreshed to the latest generation (Whoosh searchers
are not safe to share between threads, so each borrower has its own while it holds it; a searcher behind the
latest generation is replaced, not `refresh()`ed, as Whoosh's refresh keeps stale deletions).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import timedelta
from itertools import islice
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.util.filelock import try_for

from app.db import db, utcnow
from commons.models import Attachment, Resource
from commons.search.documents import MEDIA_OWNER, DocumentBuilder, iter_rows, row_of, stamp
from commons.search.parallel import BuildingMpWriter
from commons.search.schema import INDEX_NAME, build_schema
from commons.search.segment import BulkSegmentWriter
from commons.search.snapshot import SnapshotCache
from media import service as media_service

log = logging.getLogger(__name__)

#: seconds a job waits for another writer (a job, a rebuild) to release the lock
WRITER_TIMEOUT = 120
#: memory per writer process, as the Whoosh docs advise for large batches
LIMIT_MB = int(os.environ.get("TERREAU_SEARCH_LIMIT_MB", 256))
#: documents a rebuild gives each process at a time (one segment each): their postings stay within LIMIT_MB,
#: past which Whoosh sorts them through temporary files, and costs half as much again
ROUND_DOCS = 5_000
POOL_SIZE = 8


def index_dir() -> Path:
    configured = current_app.config.get("SEARCH_INDEX_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "search-index"


# Reading ------------------------------------------------------------------------------------------------------

class _Opened:
    """An open index with its pool of idle searchers and its bitset snapshots."""

    def __init__(self, folder: Path, inode: int):
        self.inode = inode
        self.ix = whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
        self.idle: list = []
        self.snapshots = SnapshotCache(self.ix)


_opened: dict[str, _Opened] = {}
_lock = threading.Lock()


def _open_for_reading() -> _Opened | None:
    folder = index_dir()
    try:
        inode = folder.stat().st_ino  # a rebuild swaps the folder: a new inode means a new index
    except FileNotFoundError:
        return None
    key = str(folder)
    with _lock:
        opened = _opened.get(key)
        if opened is not None and opened.inode == inode:
            return opened
        if not whoosh_index.exists_in(str(folder), indexname=INDEX_NAME):
            return None
        _opened[key] = opened = _Opened(folder, inode)
        return opened


@contextmanager
def searcher():
    """A searcher on the latest generation of the index (None while there is no index yet)."""
    opened = _open_for_reading()
    if opened is None:
        yield None
        return
    with _lock:
        current = opened.idle.pop() if opened.idle else None
    if current is not None and not current.up_to_date():
        # not refresh(): it reuses the old segment readers, whose deletions are out of date
        current.close()
        current = None
    if current is None:
        current = opened.ix.searcher()
    current.snapshots = opened.snapshots  # read by snapshot_for()
    try:
        yield current
    finally:
        with _lock:
            if len(opened.idle) < POOL_SIZE:
                opened.idle.append(current)
            else:
                current.close()


def wait_for_warm_up(timeout: float | None = None) -> None:
    """Wait until the postings of the index's new segments are read ahead (a benchmark measures searches, not
    the one-off reading that follows an index change)."""
    opened = _open_for_reading()
    warming = opened.snapshots.warming if opened is not None else None
    if warming is not None:
        warming.join(timeout)


def snapshot_for(current):
    """The bitsets (facets, visibility, sort orders) of the generation `current` reads."""
    return current.snapshots.get(current)


# Writing ------------------------------------------------------------------------------------------------------

class IndexMissing(Exception):
    """There is no index of the current schema version to write into (a rebuild makes one)."""


def _open_for_writing(folder: Path, create: bool = True):
    if whoosh_index.exists_in(str(folder), indexname=INDEX_NAME):
        return whoosh_index.open_dir(str(folder), indexname=INDEX_NAME)
    if not create:
        raise IndexMissing(str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(folder), build_schema(), indexname=INDEX_NAME)


def codec():
    """Whoosh's W3 codec without per-block length statistics: they only help Whoosh's own block skipping, which
    `scoring` does not use, and computing them costs a third of writing a segment."""
    from whoosh.codec.whoosh3 import W3Codec

    chosen = W3Codec()
    chosen.length_stats = False
    return chosen


def writer(folder: Path | None = None, **options):
    """The only way the index is written: waits up to WRITER_TIMEOUT for the lock held by another writer.

    Raises IndexMissing when there is no index of the current version (only `rebuild` creates one)."""
    ix = _open_for_writing(folder or index_dir(), create=False)
    return ix.writer(timeout=WRITER_TIMEOUT, delay=0.25, limitmb=LIMIT_MB, codec=codec(), **options)


def builder() -> DocumentBuilder:
    return DocumentBuilder(current_app.config["MEDIA_ROOT"], str(Path(current_app.instance_path) / "search-text-cache"))


def document_for(resource: Resource) -> dict:
    """The index document of a loaded resource."""
    return builder()(row_of(resource))


def index_resources(ids: Iterable[int]) -> None:
    """Bring these resources' documents up to date: rewritten, or removed when trashed or gone."""
    from commons.search.healing import ensure_index

    ids = sorted({int(i) for i in ids})
    if not ids:
        return
    if ensure_index():  # missing or outdated: the queued rebuild reads these resources as they now are
        return
    build = builder()
    with db.engine.connect() as connection:  # its own connection: this may run inside another session's commit
        docs = [build(row) for row in iter_rows(connection, ids)]
    present = {int(doc["id"]) for doc in docs}
    try:
        w = writer()
    except IndexMissing:  # removed since ensure_index() looked
        ensure_index()
        return
    try:
        with w:
            for doc in docs:
                w.update_document(**doc)
            for resource_id in ids:
                if resource_id not in present:
                    w.delete_by_term("id", str(resource_id))
    except BaseException:
        # a commit that fails leaves Whoosh's lock held, and every later writer would wait on it
        if w.writelock is not None and w.writelock.fd is not None:
            w.writelock.release()
        raise


def indexable_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Resource).where(Resource.is_deleted.is_(False)))


def rebuild(procs: int = 2, progress: Callable[[int], None] | None = None) -> int:
    """Index every resource again into a new folder, then swap it in; returns the number indexed.

    `progress(n)` is called with the number of resources done so far. Changes committed while the rebuild ran
    are indexed again right after the swap, so none is lost.
    """
    started = utcnow()
    target = index_dir()
    staging = target.with_name(f"{target.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    ix = _open_for_writing(staging)
    count = 0
    try:
        with db.engine.connect() as connection:
            rows = iter_rows(connection)
            while written := _write_round(ix, rows, procs, count, progress):
                count += written
        indexed = whoosh_index.open_dir(str(staging), indexname=INDEX_NAME).doc_count()
        if indexed != count:
            raise RuntimeError(f"rebuild indexed {indexed} of {count} resources; the current index is kept")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, target)
    if progress is not None:
        progress(count)
    with Session(db.engine) as session:  # its own session: a job may run this inside another session's commit
        _catch_up(changed_since(started - timedelta(seconds=5), session), session)
    return count


def _write_round(ix, rows, procs: int, done: int, progress) -> int:
    """Index up to ROUND_DOCS of `rows` per process as new segments (not merged); returns how many (0 when
    there were none left)."""
    build = builder()
    if procs > 1:  # the workers build the documents too; this process only reads rows
        w, add = BuildingMpWriter(ix, build, procs=procs, limitmb=LIMIT_MB, codec=codec()), None
    else:
        w, add = BulkSegmentWriter(ix, limitmb=LIMIT_MB, codec=codec()), build
    written = 0
    try:
        for row in islice(rows, ROUND_DOCS * procs):
            w.add_document(**(add(row) if add else row))
            written += 1
            if progress is not None and written % 250 == 0:
                progress(done + written)
        if written:
            w.commit(merge=False)
        else:
            w.cancel()
    except BaseException:
        if not w.is_closed:
            w.cancel()
        raise
    return written


def _swap(staging: Path, target: Path) -> None:
    """Put the rebuilt index in place of the current one, once no job is writing the current one.

    Whoosh names an index's files by the folder's path: a writer holding the lock while the folder is renamed
    would write the rest of its segment into the new index and fail on commit (a file of its own gone with the
    old folder). So the swap takes the writers' lock first; writers waiting for it try again by path, and so
    lock (and read) the new index once it is in place."""
    retired = target.with_name(f"{target.name}.old-{os.getpid()}")
    shutil.rmtree(retired, ignore_errors=True)
    lock = _writers_lock(target) if whoosh_index.exists_in(str(target), indexname=INDEX_NAME) else None
    if lock is not None and not try_for(lock.acquire, timeout=WRITER_TIMEOUT, delay=0.25):
        shutil.rmtree(staging, ignore_errors=True)
        raise LockError(f"{target} is still being written after {WRITER_TIMEOUT} s; the current index is kept")
    try:
        if target.exists():
            target.rename(retired)
        staging.rename(target)
    finally:
        if lock is not None:
            lock.release()  # its file is in the retired folder now: waiting writers lock the new one
    shutil.rmtree(retired, ignore_errors=True)


def _writers_lock(folder: Path):
    """The lock every writer of the index in `folder` takes (Whoosh's, by name)."""
    return FileStorage(str(folder)).lock(f"{INDEX_NAME}_WRITELOCK")


def _catch_up(ids: set[int], session=None) -> None:
    """Index again those of `ids` whose document is not what the database now holds."""
    if not ids:
        return
    expected = database_stamps(ids, session)
    with searcher() as current:
        indexed = {}
        for resource_id in ids:
            docnum = current.document_number(id=str(resource_id)) if current is not None else None
            if docnum is not None:
                indexed[resource_id] = current.stored_fields(docnum).get("updated")
    index_resources(i for i in ids if expected.get(i) != indexed.get(i))


def changed_since(moment, session=None) -> set[int]:
    """Resources (trashed ones included), and resources whose attachments, media or captions changed, after
    `moment`."""
    session = session or db.session
    resources = sa.select(Resource.id).where(Resource.updated_dt >= moment)
    attachments = sa.select(Attachment.resource_id).where(Attachment.updated_dt >= moment)
    return (set(session.scalars(resources)) | set(session.scalars(attachments))
            | media_service.owners_with_media_changed_since(MEDIA_OWNER, moment, session))


# Checking -----------------------------------------------------------------------------------------------------

def database_stamps(ids: set[int] | None = None, session=None) -> dict[int, str]:
    """The version stamp of every resource (or of `ids`) not in the trash, as documents hold it."""
    session = session or db.session
    attachments: dict[int, list[int]] = {}
    linked = sa.select(Attachment.resource_id, Attachment.id).where(Attachment.is_deleted.is_(False))
    listed = sa.select(Resource.id, Resource.version, Resource.updated_dt).where(Resource.is_deleted.is_(False))
    if ids is not None:
        linked = linked.where(Attachment.resource_id.in_(ids))
        listed = listed.where(Resource.id.in_(ids))
    for resource_id, attachment_id in session.execute(linked):
        attachments.setdefault(resource_id, []).append(attachment_id)
    captions = media_service.caption_texts(MEDIA_OWNER, ids, session)
    rows = session.execute(listed)
    return {rid: stamp(version, updated, attachments.get(rid, ()), captions.get(rid, ""))
            for rid, version, updated in rows}


def index_stamps() -> dict[int, str]:
    with searcher() as current:
        if current is None:
            return {}
        return {int(fields["id"]): fields.get("updated", "") for fields in current.all_stored_fields()}


def check() -> dict[str, list[int]]:
    """Resources missing from the index, indexed from an older version, or indexed but trashed or gone."""
    expected, indexed = database_stamps(), index_stamps()
    return {
        "missing": sorted(set(expected) - set(indexed)),
        "stale": sorted(rid for rid, value in indexed.items() if rid in expected and expected[rid] != value),
        "orphans": sorted(set(indexed) - set(expected)),
    }


def stats() -> dict:
    """Size of the index on disk, documents, segments."""
    folder = index_dir()
    with searcher() as current:
        if current is None:
            return {"folder": str(folder), "documents": 0, "segments": 0, "bytes": 0}
        segments = len(current.ixreader.leaf_readers())
        documents, deleted = current.doc_count(), current.doc_count_all() - current.doc_count()
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    return {"folder": str(folder), "documents": documents, "deleted": deleted, "segments": segments,
            "bytes": size}
