"""The PostgreSQL search backend's schema: French configuration with unaccent, documents, vocabulary, state.

Only on PostgreSQL (SQLite keeps its search in the Whoosh folder: nothing to do). The objects live in a schema
of their own, `search`, apart from the application's tables; the table starts empty and the application
queues its first rebuild by itself.

Frozen: the SQL is written out here, as `commons.search.postgres.ddl.install()` ran it when this revision was
made, so a later change of ddl.py cannot rewrite history (a change of the index's schema is a new revision).
tests/app/test_migrations.py checks that the head still gives the objects ddl.py makes.

Revision ID: a7c1e5d2b9f4
Revises: 1958f6d787cb
Create Date: 2026-11-28 19:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "a7c1e5d2b9f4"
down_revision = "1958f6d787cb"
branch_labels = None
depends_on = None

TABLES = """
CREATE SCHEMA IF NOT EXISTS search;
CREATE TABLE IF NOT EXISTS search.documents (
    resource_id integer PRIMARY KEY,
    words tsvector NOT NULL,
    title text NOT NULL,
    summary text NOT NULL DEFAULT '',
    body_excerpt text NOT NULL DEFAULT '',
    attachments_excerpt text NOT NULL DEFAULT '',
    captions_excerpt text NOT NULL DEFAULT '',
    kind text NOT NULL DEFAULT '',
    themes text[] NOT NULL DEFAULT '{}',
    phases text[] NOT NULL DEFAULT '{}',
    partners text[] NOT NULL DEFAULT '{}',
    keywords text[] NOT NULL DEFAULT '{}',
    licence text NOT NULL DEFAULT '',
    language text NOT NULL DEFAULT '',
    year text NOT NULL DEFAULT '',
    status text NOT NULL,
    visibility text NOT NULL,
    partner_ids integer[] NOT NULL DEFAULT '{}',
    sort_ms bigint NOT NULL DEFAULT 0,
    title_sort text NOT NULL DEFAULT '',
    stamp text NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS documents_words ON search.documents USING gin (words);
CREATE INDEX IF NOT EXISTS documents_partner_ids ON search.documents USING gin (partner_ids);
CREATE TABLE IF NOT EXISTS search.vocabulary (
    word text PRIMARY KEY,
    folded text NOT NULL
);
CREATE TABLE IF NOT EXISTS search.state (
    id integer PRIMARY KEY CHECK (id = 1),
    version integer NOT NULL,
    status text NOT NULL,
    touched_dt timestamptz NOT NULL DEFAULT now()
)
"""

#: `french` with accents folded before stemming; created unless the application already made it
CONFIGURATION = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
                   WHERE n.nspname = 'search' AND c.cfgname = 'terreau_french') THEN
        CREATE TEXT SEARCH CONFIGURATION search.terreau_french (COPY = pg_catalog.french);
        ALTER TEXT SEARCH CONFIGURATION search.terreau_french ALTER MAPPING FOR hword, hword_part, word
            WITH unaccent, french_stem;
    END IF;
END
$$
"""

#: suggestions need pg_trgm, which only some servers have: without it the index is made, suggestions are off
TRIGRAMS = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX IF NOT EXISTS vocabulary_folded ON search.vocabulary USING gin (folded gin_trgm_ops);
    END IF;
END
$$
"""


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    for statement in TABLES.split(";"):
        op.execute(sa.text(statement))
    op.execute(sa.text(CONFIGURATION))
    op.execute(sa.text(TRIGRAMS))


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP SCHEMA IF EXISTS search CASCADE")  # the extensions stay: other things may use them
