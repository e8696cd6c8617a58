"""The `world` fixture of the matrix."""

import pytest

from app.db import db
from tests.app.authorization.world import build_world, remove_files


@pytest.fixture
def world(app_ctx, app):
    """Everything the rows point at, committed; ids only, so nothing goes stale between requests."""
    built = build_world()
    yield built
    db.session.rollback()
    remove_files(built)
