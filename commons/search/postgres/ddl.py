"""The PostgreSQL index's own objects, in a schema of their own (`search`): the French text search
configuration, the documents, the vocabulary of "did you mean" and the state of the index.

They live apart from the application's tables (`db.metadata` does not list them): like the Whoosh folder, the
index is derived data that a rebuild makes again from the database. `install()` creates whatever is missing
and is safe to run again; the Alembic migration runs it on PostgreSQL, and a rebuild runs it too (a database
made by `db.create_all()`, as in tests, has none of it). `terreau_french` is the `french` configuration with
`unaccent` before `french_stem`: accents are folded *before* stemming, as the Whoosh backend does.
"""

from __future__ import annotations

import sqlalchemy as sa

SCHEMA = "search"
CONFIG = f"{SCHEMA}.terreau_french"
#: bump when the table or the analysis changes: an index of another version counts as absent and is rebuilt
SCHEMA_VERSION = 1

TABLES = f"""
CREATE SCHEMA IF NOT EXISTS {SCHEMA};
CREATE TABLE IF NOT EXISTS {SCHEMA}.documents (
    resource_id integer PRIMARY KEY,
    words tsvector NOT NULL,
    title text NOT NULL,
    summary text NOT NULL DEFAULT '',
    body_excerpt text NOT NULL DEFAULT '',
    attachments_excerpt text NOT NULL DEFAULT '',
    captions_excerpt text NOT NULL DEFAULT '',
    kind text NOT NULL DEFAULT '',
    themes text[] NOT NULL DEFAULT '{{}}',
    phases text[] NOT NULL DEFAULT '{{}}',
    partners text[] NOT NULL DEFAULT '{{}}',
    keywords text[] NOT NULL DEFAULT '{{}}',
    licence text NOT NULL DEFAULT '',
    language text NOT NULL DEFAULT '',
    year text NOT NULL DEFAULT '',
    status text NOT NULL,
    visibility text NOT NULL,
    partner_ids integer[] NOT NULL DEFAULT '{{}}',
    sort_ms bigint NOT NULL DEFAULT 0,
    title_sort text NOT NULL DEFAULT '',
    stamp text NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS documents_words ON {SCHEMA}.documents USING gin (words);
CREATE INDEX IF NOT EXISTS documents_partner_ids ON {SCHEMA}.documents USING gin (partner_ids);
CREATE TABLE IF NOT EXISTS {SCHEMA}.vocabulary (
    word text PRIMARY KEY,
    folded text NOT NULL
);
CREATE TABLE IF NOT EXISTS {SCHEMA}.state (
    id integer PRIMARY KEY CHECK (id = 1),
    version integer NOT NULL,
    status text NOT NULL,
    touched_dt timestamptz NOT NULL DEFAULT now()
);
"""


def _has(connection, sql: str, **params) -> bool:
    return connection.execute(sa.text(sql), params).scalar() is not None


def trigram_available(connection) -> bool:
    """Whether pg_trgm is installed (suggestions need it)."""
    return _has(connection, "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")


def installed(connection) -> bool:
    """Whether the configuration and the tables are all there."""
    return (_has(connection, "SELECT to_regclass('search.state')")
            and _has(connection, "SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace "
                                 "WHERE n.nspname = :schema AND c.cfgname = 'terreau_french'", schema=SCHEMA))


def install(connection) -> None:
    """Create what is missing: extensions (pg_trgm only where the server has it), configuration, tables."""
    connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    if _has(connection, "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"):
        connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    for statement in TABLES.split(";"):
        if statement.strip():
            connection.execute(sa.text(statement))
    if not installed(connection):
        connection.execute(sa.text(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.french)"))
        connection.execute(sa.text(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word "
            "WITH unaccent, french_stem"))
    if trigram_available(connection):
        connection.execute(sa.text(
            f"CREATE INDEX IF NOT EXISTS vocabulary_folded ON {SCHEMA}.vocabulary USING gin (folded gin_trgm_ops)"))


def uninstall(connection) -> None:
    """Drop the index's schema (the extensions stay: other things may use them)."""
    connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
