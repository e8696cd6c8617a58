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
