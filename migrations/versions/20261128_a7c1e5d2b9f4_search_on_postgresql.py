"""The PostgreSQL search backend's schema: French configuration with unaccent, documents, vocabulary, state.

Only on PostgreSQL (SQLite keeps its search in the Whoosh folder: nothing to do). The objects live in a schema
of their own, `search`, apart from the application's tables; the table starts empty and the application
queues its first rebuild by itself.

Revision ID: a7c1e5d2b9f4
Revises: 1958f6d787cb
Create Date: 2026-11-28 19:10:00
"""

from alembic import op

revision = "a7c1e5d2b9f4"
down_revision = "1958f6d787cb"
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from commons.search.postgres import ddl

    ddl.install(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP SCHEMA IF EXISTS search CASCADE")
