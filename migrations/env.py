"""Alembic environment run by Flask-Migrate (`flask db ...`): the app's engine, the models' metadata.

Revisions are written in batch mode (`render_as_batch`, set in `create_app`) whatever database generated them,
because SQLite can only change a table by copying it and every revision must run on SQLite and PostgreSQL.
"""

import logging
from logging.config import fileConfig

import sqlalchemy as sa
from alembic import context
from flask import current_app
from sqlalchemy.sql.elements import False_, True_

config = context.config
if config.config_file_name is not None:
    # keep the loggers the app already configured (the default would silence them)
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

migrate_state = current_app.extensions["migrate"]
target_metadata = migrate_state.db.metadata
engine = migrate_state.db.engine
config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))


def render_item(type_, obj, autogen_context):
    """Write revisions that run anywhere: our column types (UTCDateTime) as the type they store, so revisions
    never import app code, and `sa.true()`/`sa.false()` defaults as such (SQLite would render them `1`/`0`,
    which PostgreSQL refuses for a boolean)."""
    if type_ == "type" and isinstance(obj, sa.types.TypeDecorator):
        return f"sa.{obj.impl!r}"
    if type_ == "server_default" and isinstance(getattr(obj, "arg", None), True_ | False_):
        return "sa.true()" if isinstance(obj.arg, True_) else "sa.false()"
    return False


def skip_empty_revision(context, revision, directives):
    """`flask db migrate` with no model change writes no file."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in schema detected.")


def configure_args() -> dict:
    args = dict(migrate_state.configure_args)
    if args.get("process_revision_directives") is None:
        args["process_revision_directives"] = skip_empty_revision
    args.setdefault("render_item", render_item)
    return args


def run_migrations_offline() -> None:
    """Print the SQL (`flask db upgrade --sql`) instead of running it."""
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, **configure_args())
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with engine.connect() as connection:
        is_sqlite = connection.dialect.name == "sqlite"
        if is_sqlite:
            # a batch copy drops the old table: with foreign keys on, that would cascade deletes to child rows
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # end the autobegun transaction, or Alembic would never commit its own
        context.configure(connection=connection, target_metadata=target_metadata, **configure_args())
        with context.begin_transaction():
            context.run_migrations()
        if is_sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()
            if broken:
                raise RuntimeError(f"migration left rows pointing at missing rows: {broken[:10]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
