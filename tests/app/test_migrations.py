"""The migrations: one Alembic head, and `flask db upgrade` from an empty database gives exactly the models.

With `--db postgresql` the upgrade runs in a database of its own (`terreau_migrations`), created and dropped on
the same server as the test database.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import upgrade

from app import create_app
from app.config import PROJECT_ROOT
from app.db import db

MIGRATIONS = PROJECT_ROOT / "migrations"
SCRATCH_DATABASE = "terreau_migrations"


def test_a_single_head():
    config = AlembicConfig(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"expected one Alembic head, found {heads or 'none'} (run `flask db migrate`/merge)"


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """A database with no tables at all, of the kind the suite runs against."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server = sa.create_engine(sa.make_url(database_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{SCRATCH_DATABASE}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{SCRATCH_DATABASE}"'))
    yield sa.make_url(database_url).set(database=SCRATCH_DATABASE).render_as_string(hide_password=False)
    with server.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{SCRATCH_DATABASE}" WITH (FORCE)'))
    server.dispose()


def test_upgrade_from_empty_matches_the_models(empty_database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade()
        try:
            with db.engine.connect() as conn:
                context = MigrationContext.configure(conn, opts={"compare_type": True})
                differences = compare_metadata(context, db.metadata)
        finally:
            db.engine.dispose()
    listing = "\n".join(f"  {difference}" for difference in differences)
    assert not differences, f"models and migrations differ; run `flask db migrate` and review:\n{listing}"


SEARCH_CATALOGUE = {
    "columns": "SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default "
               "FROM information_schema.columns WHERE table_schema = 'search' ORDER BY 1, 2",
    "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'search' ORDER BY 1",
    "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                   "WHERE connamespace = 'search'::regnamespace ORDER BY 1, 2",
    "analysis": "SELECT m.maptokentype, m.mapseqno, d.dictname FROM pg_ts_config_map m "
                "JOIN pg_ts_config c ON c.oid = m.mapcfg JOIN pg_ts_dict d ON d.oid = m.mapdict "
                "WHERE c.cfgnamespace = 'search'::regnamespace AND c.cfgname = 'terreau_french' ORDER BY 1, 2",
    "extensions": "SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') ORDER BY 1",
}


def search_catalogue(connection) -> dict[str, list[tuple]]:
    return {name: [tuple(row) for row in connection.execute(sa.text(sql))] for name, sql in SEARCH_CATALOGUE.items()}


def test_upgrade_gives_the_search_objects_the_application_makes(empty_database_url):
    """The search migration holds its SQL frozen; the head must still give what ddl.install() makes today (if
    ddl.py changes, a new revision brings existing databases along)."""
    if not empty_database_url.startswith("postgresql"):
        pytest.skip("the search index lives in the database only on PostgreSQL")
    from commons.search.postgres import ddl

    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url, "TESTING": True})
    with app.app_context():
        upgrade()
        try:
            with db.engine.begin() as conn:
                assert ddl.installed(conn)
                migrated = search_catalogue(conn)
                ddl.uninstall(conn)
                conn.execute(sa.text("DROP EXTENSION IF EXISTS pg_trgm"))
                conn.execute(sa.text("DROP EXTENSION IF EXISTS unaccent"))
                ddl.install(conn)
                made_by_the_application = search_catalogue(conn)
        finally:
            db.engine.dispose()
    assert migrated["columns"] and migrated["analysis"]
    assert migrated == made_by_the_application
