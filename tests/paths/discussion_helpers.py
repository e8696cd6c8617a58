"""Helpers of the discussion tests: the latest thread and post in the database."""

from __future__ import annotations

import sqlalchemy as sa

from app.db import db


def last_thread():
    from paths.discussions.models import Thread

    return db.session.scalar(sa.select(Thread).order_by(Thread.id.desc()))


def last_post():
    from paths.discussions.models import Post

    return db.session.scalar(sa.select(Post).order_by(Post.id.desc()))


class QueryCounter:
    """`with QueryCounter() as counter:` counts the SQL statements run inside the block."""

    def __enter__(self):
        self.n = 0
        sa.event.listen(db.engine, "before_cursor_execute", self._count)
        return self

    def _count(self, *args):
        self.n += 1

    def __exit__(self, *exc):
        sa.event.remove(db.engine, "before_cursor_execute", self._count)
