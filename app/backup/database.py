"""The database side of a backup: every table read in one snapshot transaction, rows written as portable JSON
values, and written back in foreign-key order in one transaction."""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from app.backup import BackupError
from app.db import db

#: rows per INSERT batch on restore
BATCH = 500


def tables() -> list[sa.Table]:
    """Every table of the models, parents before children."""
    return list(db.metadata.sorted_tables)


@contextlib.contextmanager
def snapshot() -> Iterator[Connection]:
    """A read-only connection that sees the database as it was at one instant, whatever others write meanwhile.

    PostgreSQL: a REPEATABLE READ transaction. SQLite (WAL): an explicit BEGIN; the first read fixes the snapshot
    for the whole transaction (the driver would otherwise run each SELECT in a transaction of its own)."""
    engine = db.engine
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            try:
                yield conn
            finally:
                conn.rollback()
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("BEGIN")
        conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()  # fixes the snapshot now
        try:
            yield conn
        finally:
            conn.rollback()


def alembic_revision(conn: Connection) -> str | None:
    """The revision the database says it is at, or None (schema made without Alembic, as in tests)."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _selected(column: sa.Column):
    """Enums are dumped as the string the database holds, so the archive does not depend on Python enums."""
    if isinstance(column.type, sa.Enum):
        return sa.type_coerce(column, sa.String).label(column.name)
    return column


def _encode(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def dump_rows(conn: Connection, table: sa.Table) -> Iterator[str]:
    """The table's rows as JSON lines, in primary-key order (parents of self-references usually first)."""
    query = sa.select(*[_selected(column) for column in table.columns]).order_by(*table.primary_key.columns)
    for row in conn.execute(query).mappings():
        yield json.dumps({key: _encode(value) for key, value in row.items()}, ensure_ascii=False,
                         separators=(",", ":")) + "\n"


def _decoder(column: sa.Column) -> Callable | None:
    kind = column.type
    if isinstance(kind, sa.types.TypeDecorator):
        kind = kind.impl_instance if hasattr(kind, "impl_instance") else kind.impl
    if isinstance(kind, sa.DateTime):
        return datetime.fromisoformat
    if isinstance(kind, sa.Date):
        return date.fromisoformat
    if isinstance(kind, sa.Time):
        return time.fromisoformat
    if isinstance(kind, sa.LargeBinary):
        return base64.b64decode
    if isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float) and getattr(kind, "asdecimal", False):
        return Decimal
    return None


def decode_row(table: sa.Table, row: dict) -> dict:
    """A JSON row back into the values its columns take; a column the table lacks is refused."""
    unknown = set(row) - set(table.columns.keys())
    if unknown:
        raise BackupError(f"colonnes inconnues dans la table {table.name} : {', '.join(sorted(unknown))}")
    decoded = {}
    for name, value in row.items():
        decoder = _decoder(table.columns[name])
        decoded[name] = decoder(value) if decoder and value is not None else value
    return decoded


def non_empty_tables(conn: Connection) -> list[str]:
    """Tables of the models that hold at least one row."""
    found = []
    for table in tables():
        if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first():
            found.append(table.name)
    return found


def empty_all(conn: Connection) -> None:
    """Delete every row, children first (inside the caller's transaction)."""
    for table in reversed(tables()):
        conn.execute(table.delete())
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # self-references checked at commit


def insert_rows(conn: Connection, table: sa.Table, rows: Iterator[dict]) -> int:
    """Insert decoded rows in batches; returns how many."""
    batch, count = [], 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            count += _flush(conn, table, batch)
    return count + _flush(conn, table, batch)


def _flush(conn: Connection, table: sa.Table, batch: list[dict]) -> int:
    if batch:
        conn.execute(table.insert(), batch)
    n = len(batch)
    batch.clear()
    return n


def reset_sequences(conn: Connection) -> None:
    """PostgreSQL: move each serial sequence past the highest restored id (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        column = table.autoincrement_column
        if column is None:
            continue
        sequence = conn.execute(sa.text("SELECT pg_get_serial_sequence(:t, :c)"),
                                {"t": table.name, "c": column.name}).scalar()
        if sequence:
            highest = conn.execute(sa.select(sa.func.max(column))).scalar()
            conn.execute(sa.text("SELECT setval(:s, :v, :called)"),
                         {"s": sequence, "v": highest or 1, "called": highest is not None})
