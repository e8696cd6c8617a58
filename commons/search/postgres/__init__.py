"""The PostgreSQL backend: the index is a table of the database (`search.documents`), so every web process and
worker of a shared deployment reads and writes the same one. Selected by `TERREAU_SEARCH_BACKEND=postgres`.

It is kept up to date by the same after-commit jobs as the Whoosh index (`tasks`), through `index_resources`.
A rebuild runs in one transaction under an advisory lock: searches see the previous index until it commits.
An index that is missing or of another version heals itself as the Whoosh one does: the first caller marks
the `search.state` row as queued (in the database, so one machine wins) and queues one rebuild.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

import sqlalchemy as sa

from app.db import db
from commons.search.documents import iter_rows
from commons.search.postgres import ddl, records
from commons.search.postgres.ddl import SCHEMA, SCHEMA_VERSION

log = logging.getLogger(__name__)

#: pg_advisory lock key of rebuilds ("terreau search")
REBUILD_LOCK = 7_465_727_265_617_563
#: a queued rebuild not finished after this long is presumed lost, and queued again
STALE_SECONDS = 600


class PostgresBackend:
    name = "postgres"

    def __init__(self):
        self._trigram: bool | None = None

    # Searching ------------------------------------------------------------------------------------------------

    def search(self, user, request):
        from commons.search.postgres.searching import search
        from commons.search.query import SearchResult, _facets, _page_numbers, active_filters

        if not self.ready():
            page, per_page = _page_numbers(request)
            return SearchResult([], 0, page, per_page, 1, _facets({}, active_filters(request.filters)), None,
                                rebuilding=self._heal())
        return search(user, request, self.trigram())

    def trigram(self) -> bool:
        """Whether "did you mean" can run (pg_trgm installed); said once in the log when it cannot."""
        if self._trigram is None:
            self._trigram = ddl.trigram_available(db.session.connection())
            if not self._trigram:
                log.warning("pg_trgm is not installed: search runs without spelling suggestions")
        return self._trigram

    def _heal(self) -> bool:
        try:
            return self.ensure_index()
        except Exception:  # noqa: BLE001 - a queue down must not turn the search page into an error
            log.exception("could not queue the rebuild of the search index")
            return True

    # State ----------------------------------------------------------------------------------------------------

    def ready(self, connection=None) -> bool:
        """Whether an index of the current version is in place."""
        connection = connection or db.session.connection()
        if connection.execute(sa.text("SELECT to_regclass('search.state')")).scalar() is None:
            return False
        return connection.execute(sa.text(
            f"SELECT 1 FROM {SCHEMA}.state WHERE version = :v AND status = 'ready'"), {"v": SCHEMA_VERSION}  # noqa: S608
        ).first() is not None

    def ensure_index(self) -> bool:
        """Queue one rebuild if the index is missing or of another version; True while it is not ready."""
        with db.engine.begin() as connection:
            if self.ready(connection):
                return False
            ddl.install(connection)
            claimed = connection.execute(sa.text(
                f"INSERT INTO {SCHEMA}.state (id, version, status) VALUES (1, :v, 'queued') "  # noqa: S608
                "ON CONFLICT (id) DO UPDATE SET version = :v, status = 'queued', touched_dt = now() "
                f"WHERE state.status <> 'queued' OR state.version <> :v "
                f"OR state.touched_dt < now() - make_interval(secs => {STALE_SECONDS}) RETURNING id"),
                {"v": SCHEMA_VERSION}).first()
        if claimed:
            from commons.search.tasks import rebuild_index_job

            log.warning("PostgreSQL search index missing or of another version: a full rebuild is queued")
            rebuild_index_job()
        return True

    def run_queued_rebuild(self) -> int:
        with db.engine.connect() as connection:
            if self.ready(connection):
                return 0
        return self.rebuild()

    # Writing --------------------------------------------------------------------------------------------------

    def index_resources(self, ids: Iterable[int]) -> None:
        """Rewrite these resources' rows, or remove them when trashed or gone."""
        ids = sorted({int(i) for i in ids})
        if not ids:
            return
        with db.engine.connect() as connection:
            ready = self.ready(connection)
        if not ready:  # the queued rebuild reads these resources as they now are
            self.ensure_index()
            return
        with db.engine.begin() as connection:
            present = self._write(connection, iter_rows(connection, ids))
            gone = [i for i in ids if i not in present]
            if gone:
                connection.execute(sa.text(f"DELETE FROM {SCHEMA}.documents WHERE resource_id = ANY(:ids)"),  # noqa: S608
                                   {"ids": gone})

    def _write(self, connection, rows, progress: Callable[[int], None] | None = None, done: int = 0) -> set[int]:
        from commons.search.index import builder

        build, written, batch = builder(), set(), []
        for row in rows:
            batch.append(records.record(row, build.attachments_text(row["attachments"])))
            if len(batch) == 500:
                written |= self._flush(connection, batch)
                if progress is not None:
                    progress(done + len(written))
                batch = []
        if batch:
            written |= self._flush(connection, batch)
        return written

    def _flush(self, connection, batch: list[dict]) -> set[int]:
        connection.execute(records.UPSERT, batch)
        words = records.vocabulary(batch)
        if words:
            connection.execute(records.ADD_WORDS, words)
        return {item["resource_id"] for item in batch}

    def rebuild(self, procs: int = 1, progress: Callable[[int], None] | None = None) -> int:
        """Index every resource again, in one transaction (`procs` is the Whoosh backend's; unused here)."""
        with db.engine.begin() as connection:
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": REBUILD_LOCK})
            ddl.install(connection)
            connection.execute(sa.text(f"DELETE FROM {SCHEMA}.documents"))  # noqa: S608
            count = len(self._write(connection, iter_rows(connection), progress))
            connection.execute(sa.text(
                f"INSERT INTO {SCHEMA}.state (id, version, status) VALUES (1, :v, 'ready') "  # noqa: S608
                "ON CONFLICT (id) DO UPDATE SET version = :v, status = 'ready', touched_dt = now()"),
                {"v": SCHEMA_VERSION})
        if progress is not None:
            progress(count)
        return count

    # Checking -------------------------------------------------------------------------------------------------

    def check(self) -> dict[str, list[int]]:
        from commons.search.index import database_stamps

        expected = database_stamps()
        indexed = {}
        if db.session.execute(sa.text("SELECT to_regclass('search.documents')")).scalar() is not None:
            indexed = dict(db.session.execute(sa.text(f"SELECT resource_id, stamp FROM {SCHEMA}.documents")).all())  # noqa: S608
        return {
            "missing": sorted(set(expected) - set(indexed)),
            "stale": sorted(rid for rid, value in indexed.items() if rid in expected and expected[rid] != value),
            "orphans": sorted(set(indexed) - set(expected)),
        }

    def stats(self) -> dict:
        documents = size = 0
        if db.session.execute(sa.text("SELECT to_regclass('search.documents')")).scalar() is not None:
            documents = db.session.execute(sa.text(f"SELECT count(*) FROM {SCHEMA}.documents")).scalar()  # noqa: S608
            size = db.session.execute(sa.text("SELECT pg_total_relation_size('search.documents')")).scalar()
        return {"folder": f"PostgreSQL, schéma {SCHEMA}", "documents": documents, "deleted": 0, "segments": 0,
                "bytes": size}
